package org.rustydb.storage.paged.internal.vacuum;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What vacuum knows about one table, as PostgreSQL's pg_stat_user_tables: estimated live and dead
 * row versions (n_live_tup, n_dead_tup), when it was last vacuumed by hand and in the background,
 * and how often; plus the lock that keeps two vacuums of the table apart and the slots a vacuum
 * left for a later one to free.
 *
 * <p>Counting follows PostgreSQL: a transaction's changes count when it ends. A committed delete
 * or update leaves one dead version (the old one), a rolled-back insert or update one too (the
 * new one), a rolled-back delete none. The counts live in memory only; after a restart they start
 * from zero, and the first vacuum sets them from what it finds.
 *
 * <p>Threading: the change counters are thread-safe; a transaction's own pending counts are
 * touched by the one thread that runs it at a time.
 */
public final class TableActivity {
    private final ReentrantLock vacuumLock = new ReentrantLock();
    /** Per running transaction: versions it inserted [0] and marked deleted [1] in this table. */
    private final ConcurrentHashMap<Long, long[]> pending = new ConcurrentHashMap<>();
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    /** Dead versions counted since the engine started: lets a vacuum keep the deaths counted while it ran. */
    private final AtomicLong deaths = new AtomicLong();
    private final AtomicLong vacuums = new AtomicLong();
    private final AtomicLong autovacuums = new AtomicLong();
    private volatile Instant lastVacuum;
    private volatile Instant lastAutovacuum;
    /** Slots whose index entries are gone, waiting for their reuse gate; guarded by the vacuum lock. */
    private final List<DeferredReclaim> deferred = new ArrayList<>();
    private volatile boolean hasDeferred;

    /** A version inserted by {@code xid}. */
    public void inserted(long xid) {
        counts(xid)[0]++;
    }

    /** A version replaced by {@code xid}: the old one marked deleted, a new one inserted. */
    public void updated(long xid) {
        long[] c = counts(xid);
        c[0]++;
        c[1]++;
    }

    /** A version marked deleted by {@code xid}. */
    public void deleted(long xid) {
        counts(xid)[1]++;
    }

    private long[] counts(long xid) {
        return pending.computeIfAbsent(xid, x -> new long[2]);
    }

    /** Transaction {@code xid} ended: its changes count now. */
    public void ended(long xid, boolean committed) {
        long[] c = pending.remove(xid);
        if (c == null) {
            return;
        }
        if (committed) {
            live.addAndGet(c[0] - c[1]);
            addDead(c[1]);
        } else {
            addDead(c[0]);
        }
    }

    private void addDead(long n) {
        if (n != 0) {
            dead.addAndGet(n);
            deaths.addAndGet(n);
        }
    }

    /** Estimated live row versions (n_live_tup). */
    public long liveRows() {
        return Math.max(0, live.get());
    }

    /** Estimated dead row versions not yet removed (n_dead_tup). */
    public long deadRows() {
        return Math.max(0, dead.get());
    }

    public Instant lastVacuum() {
        return lastVacuum;
    }

    public Instant lastAutovacuum() {
        return lastAutovacuum;
    }

    public long vacuumCount() {
        return vacuums.get();
    }

    public long autovacuumCount() {
        return autovacuums.get();
    }

    /** Held by a vacuum of this table for its whole run. */
    public ReentrantLock vacuumLock() {
        return vacuumLock;
    }

    long deaths() {
        return deaths.get();
    }

    /**
     * Records a finished vacuum that found {@code liveNow} live versions and {@code unremovable}
     * dead ones it had to keep; deaths counted while it ran stay counted.
     */
    void vacuumed(boolean auto, long liveNow, long unremovable, long deathsAtStart) {
        live.set(liveNow);
        dead.set(unremovable + (deaths.get() - deathsAtStart));
        if (auto) {
            lastAutovacuum = Instant.now();
            autovacuums.incrementAndGet();
        } else {
            lastVacuum = Instant.now();
            vacuums.incrementAndGet();
        }
    }

    /** Adds slots a vacuum could not free yet (see {@link ReuseGate}); the caller holds the vacuum lock. */
    void defer(DeferredReclaim reclaim) {
        deferred.add(reclaim);
        hasDeferred = true;
    }

    /** Takes every deferred reclaim; the caller holds the vacuum lock. */
    List<DeferredReclaim> takeDeferred() {
        List<DeferredReclaim> out = new ArrayList<>(deferred);
        deferred.clear();
        hasDeferred = false;
        return out;
    }

    /** True if slots wait to be freed: the background vacuum checks on them every round. */
    public boolean hasDeferred() {
        return hasDeferred;
    }

    /**
     * DEAD slots of one vacuum whose index entries are gone, to be made free once {@code gate}
     * has passed, unless an index that was not cleaned ({@code skipped}) is still there.
     */
    record DeferredReclaim(long[] rowIds, Object gate, List<VacuumTarget.IndexTarget> skipped) {
    }
}
