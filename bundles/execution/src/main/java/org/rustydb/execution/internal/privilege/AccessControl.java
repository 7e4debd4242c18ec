package org.rustydb.execution.internal.privilege;

import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.PlanDependencies;
import org.rustydb.execution.internal.plan.ScanColumns;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privilege;
import org.rustydb.spi.security.PrivilegeCatalog;
import org.rustydb.spi.security.Privileges;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.txn.Transaction;

/**
 * The engine's side of privileges: checks with PostgreSQL's messages (42501 {@code permission
 * denied for table t}, {@code must be owner of table t}) against the security bundle's view, and
 * the reports of created, dropped and renamed objects. Without the security bundle (a custom
 * distribution) there are no roles: nothing is checked or recorded.
 */
public final class AccessControl {
    private AccessControl() {
    }

    /** The privilege catalog, or null without the security bundle. */
    public static PrivilegeCatalog catalog(SessionContext session) {
        return session.roleCatalog().map(c -> c.privileges()).orElse(null);
    }

    /** The view the transaction sees, or null without the security bundle. */
    public static Privileges view(SessionContext session, Transaction txn) {
        PrivilegeCatalog catalog = catalog(session);
        return catalog == null ? null : catalog.privileges(txn);
    }

    public static DbException denied(String word, String name) {
        return DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for %s %s", word, name);
    }

    public static DbException notOwner(String word, String name) {
        return DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of %s %s", word, name);
    }

    /** 42501 unless the session's role holds the privileges on the object. */
    public static void require(SessionContext session, Transaction txn, ObjectRef object, String word, String name,
                               int privileges) {
        Privileges p = view(session, txn);
        if (p != null && !p.has(session.user(), object, privileges)) {
            throw denied(word, name);
        }
    }

    /** 42501 unless the role holds the privilege on the table, or on each of the columns. */
    public static void requireColumns(SessionContext session, Transaction txn, ObjectRef table, String name,
                                      int privilege, List<String> columns) {
        Privileges p = view(session, txn);
        if (p == null || p.has(session.user(), table, privilege)) {
            return;
        }
        for (String column : columns) {
            if (!p.hasColumn(session.user(), table, column, privilege)) {
                throw denied("table", name);
            }
        }
    }

    /** Whether the session's role holds the privileges (true without the security bundle). */
    public static boolean has(SessionContext session, Transaction txn, ObjectRef object, int privileges) {
        Privileges p = view(session, txn);
        return p == null || p.has(session.user(), object, privileges);
    }

    /** 42501 {@code must be owner of ...} unless the session's role may act as the object's owner. */
    public static void requireOwner(SessionContext session, Transaction txn, ObjectRef object, String word,
                                    String name) {
        Privileges p = view(session, txn);
        if (p != null && !p.isOwner(session.user(), object)) {
            throw notOwner(word, name);
        }
    }

    /** USAGE on a schema, needed to name anything in it (built-in schemas are open to all). */
    public static boolean mayUse(SessionContext session, Transaction txn, String schema) {
        if (schema.equals("pg_catalog") || schema.equals("information_schema")
                || schema.equals(session.temporarySchema())) {
            return true;
        }
        return has(session, txn, ObjectRef.schema(schema), Privilege.USAGE.bit());
    }

    /** CREATE on the schema a new object goes into. */
    public static void requireCreate(SessionContext session, Transaction txn, String schema) {
        if (schema.equals(session.temporarySchema())) {
            return;
        }
        require(session, txn, ObjectRef.schema(schema), "schema", schema, Privilege.CREATE.bit());
    }

    /**
     * The checks of OWNER TO and AUTHORIZATION as PostgreSQL 15 makes them: the role exists (42704),
     * and unless a superuser asks, the session's role may act as the current owner ({@code word}
     * null: nothing owned yet), is a member of the new owner, and the new owner may create in
     * {@code container} (a schema, or for a schema the database). Returns null without the
     * security bundle, else whether anything changes.
     */
    public static Boolean checkNewOwner(SessionContext session, Transaction txn, ObjectRef object, String word,
                                        String name, String newOwner, ObjectRef container, String containerWord) {
        Privileges p = view(session, txn);
        if (p == null) {
            return null;
        }
        if (!p.roleExists(newOwner)) {
            throw DbException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", newOwner);
        }
        if (word != null && p.owner(object).equals(newOwner)) {
            return false;
        }
        String user = session.user();
        if (p.isSuperuser(user)) {
            return true;
        }
        if (word != null && !p.isOwner(user, object)) {
            throw notOwner(word, name);
        }
        if (!p.hasPrivilegesOf(user, newOwner)) {
            throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"%s\"", newOwner);
        }
        if (!p.has(newOwner, container, Privilege.CREATE.bit())) {
            throw denied(containerWord, container.name());
        }
        return true;
    }

    /** ALTER ... OWNER TO: checks, then records the new owner. */
    public static void changeOwner(SessionContext session, Transaction txn, ObjectRef object, String word, String name,
                                   String newOwner, ObjectRef container, String containerWord) {
        if (Boolean.TRUE.equals(checkNewOwner(session, txn, object, word, name, newOwner, container, containerWord))) {
            catalog(session).ownerChanged(txn, object, newOwner);
        }
    }

    public static void created(SessionContext session, Transaction txn, ObjectRef object) {
        PrivilegeCatalog catalog = catalog(session);
        if (catalog != null) {
            catalog.created(txn, object, session.user());
        }
    }

    /** Records an object made for another (a table's serial sequence): it belongs to that one's owner. */
    public static void createdFor(SessionContext session, Transaction txn, ObjectRef object, ObjectRef owner) {
        PrivilegeCatalog catalog = catalog(session);
        if (catalog != null) {
            catalog.created(txn, object, catalog.privileges(txn).owner(owner));
        }
    }

    public static void dropped(SessionContext session, Transaction txn, ObjectRef object) {
        PrivilegeCatalog catalog = catalog(session);
        if (catalog != null) {
            catalog.dropped(txn, object);
        }
    }

    public static void renamed(SessionContext session, Transaction txn, ObjectRef object, String newName) {
        PrivilegeCatalog catalog = catalog(session);
        if (catalog != null) {
            catalog.renamed(txn, object, newName);
        }
    }

    /** Checks a query bound outside the statement path (EXPLAIN, COPY (query) TO). */
    public static void checkQuery(SessionContext session, Transaction txn, PlanDependencies dependencies,
                                  org.rustydb.execution.internal.plan.PlanNode plan) {
        check(session, txn, dependencies, () -> {
            ScanColumns scans = new ScanColumns();
            scans.cover(plan);
            return scans;
        });
    }

    /**
     * Checks what a bound statement needs, before it runs (also before each reuse of a kept plan):
     * each privilege held on the table, else (for the column privileges) on every column it is
     * needed on; the columns a scan reads come from {@code scans}, computed only when needed.
     */
    public static void check(SessionContext session, Transaction txn, PlanDependencies dependencies,
                             Supplier<ScanColumns> scans) {
        List<PlanDependencies.Access> accesses = dependencies.accesses();
        if (accesses.isEmpty()) {
            return;
        }
        Privileges p = view(session, txn);
        if (p == null) {
            return;
        }
        ScanColumns analysed = null;
        for (PlanDependencies.Access a : accesses) {
            String role = a.asOwnerOf() == null ? session.user() : p.owner(a.asOwnerOf());
            if (p.has(role, a.object(), a.privileges())) {
                continue;
            }
            for (Privilege privilege : Privilege.values()) {
                int bit = privilege.bit();
                if ((a.privileges() & bit) == 0 || p.has(role, a.object(), bit)) {
                    continue;
                }
                if ((bit & Privilege.ALL_COLUMN) == 0) {
                    throw denied(a.word(), a.name());
                }
                List<String> columns = a.columns();
                if (columns == null && a.scan() != null) {
                    if (analysed == null) {
                        analysed = scans.get();
                    }
                    BitSet read = analysed == null ? null : analysed.neededOf(a.scan().table());
                    List<ColumnDefinition> all = a.scan().table().definition().columns();
                    columns = read == null ? all.stream().map(ColumnDefinition::name).toList()
                            : read.stream().filter(i -> i < all.size()).mapToObj(i -> all.get(i).name()).toList();
                }
                boolean held;
                if (columns == null) {
                    held = false;
                } else if (columns.isEmpty()) {
                    held = p.hasAnyColumn(role, a.object(), bit); // count(*): any column will do
                } else {
                    held = true;
                    for (String column : columns) {
                        held &= p.hasColumn(role, a.object(), column, bit);
                    }
                }
                if (!held) {
                    throw denied(a.word(), a.name());
                }
            }
        }
    }
}
