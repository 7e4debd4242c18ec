package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import net.sf.jsqlparser.schema.Table;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.LockMode;

/**
 * What a bound statement was made from, so that its plan can be reused while all of it still
 * holds: each table or view name and what it resolved to (with the definition seen), the table locks
 * taken, the overloads each function name had, and the indexes of a table an index was chosen
 * from while binding. Binding something a later execution could not
 * reproduce from these (a subquery bound to its transaction, a session function, FOR UPDATE,
 * a recursive work table, parameter values, a value read from the clock) makes the statement
 * not reusable, with the reason.
 */
public final class PlanDependencies {
    /**
     * A table reference and what it named: a table's or a view's handle, and its definition as it
     * was then (a view's stored query is bound with it).
     */
    public record RelationUse(Table reference, Object handle, Object definition) {
    }

    public record LockUse(TableHandle handle, LockMode mode) {
    }

    public record FunctionUse(String name, List<SqlFunction> overloads) {
    }

    /** The indexes a table had when the statement chose one of them while binding (ON CONFLICT). */
    public record IndexUse(TableHandle table, List<org.rustydb.spi.storage.IndexHandle> indexes) {
    }

    /**
     * A privilege the statement needs, checked before each execution: on a relation, as the
     * session's role or, for what a view reads, as the view's owner ({@code asOwnerOf}).
     *
     * @param columns the columns the privileges are needed on when not held on the whole table;
     *                null: those {@code scan} reads (all of them without a scan)
     */
    public record Access(org.rustydb.spi.security.ObjectRef object, String word, String name, int privileges,
                         List<String> columns, org.rustydb.execution.internal.plan.PlanNode.Scan scan,
                         org.rustydb.spi.security.ObjectRef asOwnerOf) {
    }

    private final List<RelationUse> relations = new ArrayList<>();
    private final List<Access> accesses = new ArrayList<>();
    private final List<IndexUse> indexes = new ArrayList<>();
    private final List<LockUse> locks = new ArrayList<>();
    private final List<FunctionUse> functions = new ArrayList<>();
    private final java.util.Set<String> executed = new java.util.HashSet<>();
    private String notReusable;
    /** The storage engine and its catalog version when binding started (read before any name was resolved). */
    private org.rustydb.spi.storage.StorageEngine catalogOf;
    private long catalogVersion = org.rustydb.spi.storage.StorageEngine.UNKNOWN_CATALOG_VERSION;

    /** Binding starts: what names resolve to is as of this catalog version of {@code storage}. */
    public void catalogAt(org.rustydb.spi.storage.StorageEngine storage, long version) {
        catalogOf = storage;
        catalogVersion = version;
    }

    /** The engine whose {@link #catalogVersion} this is, or null when not noted. */
    public org.rustydb.spi.storage.StorageEngine catalogOf() {
        return catalogOf;
    }

    public long catalogVersion() {
        return catalogVersion;
    }

    void relation(Table reference, Object handle, Object definition) {
        relations.add(new RelationUse(reference, handle, definition));
    }

    public void access(Access access) {
        accesses.add(access);
    }

    public List<Access> accesses() {
        return Collections.unmodifiableList(accesses);
    }

    void lock(TableHandle handle, LockMode mode) {
        locks.add(new LockUse(handle, mode));
    }

    /**
     * EXECUTE on a function the statement calls (every function lives in pg_catalog, and its
     * overloads share one list), once per function. It is the current role's, also for the calls a
     * view makes: PostgreSQL checks only the relations a view reads as its owner.
     */
    void execute(String function) {
        if (executed.add(function)) {
            accesses.add(new Access(org.rustydb.spi.security.ObjectRef.function("pg_catalog", function), "function",
                    function, org.rustydb.spi.security.Privilege.EXECUTE.bit(), List.of(), null, null));
        }
    }

    void functions(String name, List<SqlFunction> overloads) {
        functions.add(new FunctionUse(name, List.copyOf(overloads)));
    }

    void indexes(TableHandle table, List<org.rustydb.spi.storage.IndexHandle> seen) {
        indexes.add(new IndexUse(table, List.copyOf(seen)));
    }

    /** Marks the statement as one whose plan must be made afresh each time. */
    public void notReusable(String reason) {
        if (notReusable == null) {
            notReusable = reason;
        }
    }

    public boolean reusable() {
        return notReusable == null;
    }

    // views, not copies: a kept plan's dependencies are read at every reuse and no longer change

    public List<RelationUse> relations() {
        return Collections.unmodifiableList(relations);
    }

    public List<LockUse> locks() {
        return Collections.unmodifiableList(locks);
    }

    public List<IndexUse> indexes() {
        return Collections.unmodifiableList(indexes);
    }

    public List<FunctionUse> functions() {
        return Collections.unmodifiableList(functions);
    }
}
