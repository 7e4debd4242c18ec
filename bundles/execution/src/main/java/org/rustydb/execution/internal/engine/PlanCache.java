package org.rustydb.execution.internal.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.Catalog;
import org.rustydb.execution.internal.binder.PlanDependencies;
import org.rustydb.execution.internal.binder.TableLocking;
import org.rustydb.execution.internal.expr.ParameterSlots;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.plan.Statistics;
import org.rustydb.execution.internal.types.ClockReads;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.ViewHandle;
import org.rustydb.spi.txn.WaitPolicy;

/**
 * Bound statements kept per session for reuse, so that a statement sent again skips binding and
 * planning. The key is the parsed statement (the parse cache hands out the same one for the same
 * text). Before a plan is reused it is checked against what it was made from, in the current
 * transaction and after taking the same table locks again (as PostgreSQL revalidates a cached
 * plan): each table or view name must still resolve to the same one with the same definition, each
 * function name must have the same overloads, the settings that binding reads (search_path,
 * TimeZone) must be unchanged, a table whose indexes the statement chose from (ON CONFLICT) must
 * have the same ones, and ANALYZE must not have replaced a table's statistics. Any
 * difference, and the statement is bound again. Names and index lists are resolved again only
 * when the storage engine's catalog version moved since they were last found the same
 * ({@link #catalogUnchanged}). A plan is used by one execution at a time: while its rows are
 * open, the same statement is bound afresh.
 *
 * <p>A prepared statement's generic plan is an entry too, held by the statement rather than here
 * ({@link #entry}, {@link #take(BindContext, Entry)}).
 *
 * @param <P> the bound form kept (a query's columns and plan, or a DML statement)
 */
final class PlanCache<P> {
    /** Statements per session: enough for an application's working set, small next to the parse cache. */
    private static final int PER_SESSION = 256;

    private final Map<Long, Cache<ParsedStatement, Entry<P>>> bySession = new ConcurrentHashMap<>();
    private final LongAdder reused = new LongAdder();

    /** A kept plan and what it was made from. */
    static final class Entry<P> {
        private final P bound;
        private final PlanDependencies dependencies;
        private final String searchPath;
        private final String timeZone;
        /** The user $user in search_path stood for. */
        private final String user;
        private final long statisticsVersion;
        private final ParameterSlots slots;
        private final AtomicBoolean inUse = new AtomicBoolean(true);
        /**
         * The storage engine and its catalog version at which every name and index list was last
         * found as the plan has them (when binding began, then at each full check); only read and
         * written by the execution holding the entry.
         */
        private volatile StorageEngine catalogOf;
        private volatile long catalogVersion;

        private Entry(P bound, ParameterSlots slots, PlanDependencies dependencies, String searchPath,
                      String timeZone, String user, long statisticsVersion) {
            this.bound = bound;
            this.slots = slots;
            this.dependencies = dependencies;
            this.searchPath = searchPath;
            this.timeZone = timeZone;
            this.user = user;
            this.statisticsVersion = statisticsVersion;
            this.catalogOf = dependencies.catalogOf();
            this.catalogVersion = dependencies.catalogVersion();
        }

        P bound() {
            return bound;
        }

        /** Where a generic plan reads its parameters' values from (null: it has none). */
        ParameterSlots slots() {
            return slots;
        }

        /** Gives the plan back after its execution, for the next one. */
        void release() {
            inUse.set(false);
        }
    }

    private Cache<ParsedStatement, Entry<P>> of(long session) {
        // weak keys compare by identity: a statement parsed again is another statement
        return bySession.computeIfAbsent(session, s -> Caffeine.newBuilder().weakKeys().maximumSize(PER_SESSION)
                .build());
    }

    /**
     * The kept plan of {@code statement}, revalidated and taken for one execution (give it back
     * with {@link Entry#release}), or null when it has to be bound.
     */
    Entry<P> take(BindContext ctx, ParsedStatement statement) {
        return take(ctx, statement, null);
    }

    /**
     * As {@link #take(BindContext, ParsedStatement)}, for a generic plan whose parameters must be
     * of {@code parameterTypes}: null when the kept one has others.
     */
    Entry<P> take(BindContext ctx, ParsedStatement statement, List<DataType> parameterTypes) {
        Cache<ParsedStatement, Entry<P>> plans = bySession.get(ctx.session().sessionId());
        Entry<P> entry = plans == null ? null : plans.getIfPresent(statement);
        if (entry == null || parameterTypes != null
                && (entry.slots == null || !entry.slots.finalTypes().equals(parameterTypes))
                || !entry.inUse.compareAndSet(false, true)) {
            return null;
        }
        if (!validated(ctx, entry)) {
            plans.invalidate(statement);
            return null;
        }
        reused.increment();
        return entry;
    }

    /**
     * Takes a plan kept elsewhere (a prepared statement's generic plan) for one execution if it is
     * free and still valid (give it back with {@link Entry#release}); false when it must be bound again.
     */
    static boolean take(BindContext ctx, Entry<?> entry) {
        return entry.inUse.compareAndSet(false, true) && validated(ctx, entry);
    }

    /** Whether a taken entry is still valid; if not it is released. */
    private static boolean validated(BindContext ctx, Entry<?> entry) {
        boolean valid = false;
        try {
            valid = stillValid(ctx, entry);
        } finally {
            if (!valid) {
                entry.release();
            }
        }
        return valid;
    }

    /** How many executions reused a kept plan. */
    long reuses() {
        return reused.sum();
    }

    /**
     * Starts a bind whose plan may be kept: forgets clock reads of earlier conversions, and gives
     * the statistics version the plan is made with (read before binding, so that statistics
     * committed meanwhile count as newer).
     */
    static long bindStarts(BindContext ctx) {
        ClockReads.takeRead();
        StorageEngine storage = ctx.session().storage();
        ctx.dependencies().catalogAt(storage, storage.catalogVersion());
        return Statistics.version(storage);
    }

    /**
     * Keeps what {@code ctx} bound, if it can be reused, taken by the execution about to run;
     * null when it is not kept.
     */
    Entry<P> keep(BindContext ctx, ParsedStatement statement, P bound, long statisticsVersion) {
        Entry<P> entry = entry(ctx, bound, statisticsVersion);
        if (entry != null) {
            of(ctx.session().sessionId()).put(statement, entry);
        }
        return entry;
    }

    /**
     * What {@code ctx} bound as an entry for reuse, taken by the execution about to run, or null
     * when it cannot be reused; kept by the caller.
     */
    static <P> Entry<P> entry(BindContext ctx, P bound, long statisticsVersion) {
        PlanDependencies dependencies = ctx.dependencies();
        if (ClockReads.takeRead()) {
            dependencies.notReusable("a value read from the clock");
        }
        if (!dependencies.reusable()) {
            return null;
        }
        SessionContext session = ctx.session();
        return new Entry<>(bound, ctx.slots(), dependencies, session.setting("search_path"),
                session.setting("timezone"), users(session), statisticsVersion);
    }

    void sessionClosed(long session) {
        bySession.remove(session);
    }

    /** The current and the session user: checks and current_user read the one, session_user the other. */
    private static String users(SessionContext session) {
        String user = session.user();
        String sessionUser = session.sessionUser();
        return user.equals(sessionUser) ? user : user + "\0" + sessionUser;
    }

    private static boolean stillValid(BindContext ctx, Entry<?> entry) {
        SessionContext session = ctx.session();
        if (!Objects.equals(entry.searchPath, session.setting("search_path"))
                || !Objects.equals(entry.timeZone, session.setting("timezone"))
                || !Objects.equals(entry.user, users(session))
                || entry.statisticsVersion != Statistics.version(session.storage())) {
            return false;
        }
        for (PlanDependencies.LockUse lock : entry.dependencies.locks()) {
            // the lock comes first, so that no DDL can change the table between the check and the run
            ctx.transaction().lockTable(TableLocking.relation(lock.handle()), lock.mode(), WaitPolicy.WAIT);
        }
        if (!catalogUnchanged(session.storage(), entry) && !sameCatalog(ctx, entry)) {
            return false;
        }
        for (PlanDependencies.FunctionUse f : entry.dependencies.functions()) {
            if (!sameElements(session.functions(f.name()), f.overloads())) {
                return false;
            }
        }
        // privileges may have changed even when the catalog did not: checked at each execution, as PostgreSQL does
        BoundStatements.checkPrivileges(ctx, entry.bound, entry.dependencies);
        return true;
    }

    /**
     * Whether no catalog change can have happened since the entry's names and indexes were last
     * found as the plan has them, so that resolving them again would find the same: the same
     * engine reports the same catalog version (read after the plan's table locks were taken).
     *
     * <p>Why that suffices: catalog reads in both engines see the latest committed state (plus the
     * transaction's own changes), not a snapshot, and the engine moves its version before a change
     * becomes visible to the transaction making it and again after it became visible to all (the
     * commit) or was taken back (a rollback, or a rollback to a savepoint). The version noted with
     * the entry was read before the names were resolved. So if it is still the same, every change
     * visible now was visible then, and none was taken back since. A plan is per session, so a
     * reuse runs after the statement that checked it, in the same transaction or a later one; a
     * DDL statement of the session itself moved the version before it changed anything.
     */
    private static boolean catalogUnchanged(StorageEngine storage, Entry<?> entry) {
        long version = storage.catalogVersion();
        return version != StorageEngine.UNKNOWN_CATALOG_VERSION && storage == entry.catalogOf
                && version == entry.catalogVersion;
    }

    /**
     * Resolves every name and index list again (in the current transaction, after the locks) and
     * compares; when they are the same, notes the catalog version read before resolving them.
     */
    private static boolean sameCatalog(BindContext ctx, Entry<?> entry) {
        StorageEngine storage = ctx.session().storage();
        long version = storage.catalogVersion();
        for (PlanDependencies.RelationUse use : entry.dependencies.relations()) {
            Object now = Catalog.findRelation(ctx, use.reference());
            if (now == null || !now.equals(use.handle()) || !sameDefinition(definitionOf(now), use.definition())) {
                return false;
            }
        }
        for (PlanDependencies.IndexUse use : entry.dependencies.indexes()) {
            if (!sameIndexes(storage.indexes(ctx.transaction(), use.table()), use.indexes())) {
                return false;
            }
        }
        entry.catalogOf = storage;
        entry.catalogVersion = version;
        return true;
    }

    private static Object definitionOf(Object relation) {
        return relation instanceof TableHandle table ? table.definition() : ((ViewHandle) relation).definition();
    }

    private static boolean sameDefinition(Object now, Object then) {
        return now == then || now.equals(then);
    }

    private static boolean sameIndexes(List<org.rustydb.spi.storage.IndexHandle> a,
                                       List<org.rustydb.spi.storage.IndexHandle> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i)) || !a.get(i).definition().equals(b.get(i).definition())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameElements(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
