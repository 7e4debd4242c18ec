package org.rustydb.storage.paged.internal.engine;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

/**
 * Explicit row locks of one table (SELECT ... FOR UPDATE / FOR SHARE), held to the end of the
 * locking transaction. They live in memory only: a lock protects a transaction, and no
 * transaction outlives the process. Writers consult them (an UPDATE or DELETE conflicts with
 * any lock of another transaction), always under the row's page latch, as lockers do, so a
 * locker and a writer of one row never both go ahead.
 *
 * <p>FOR UPDATE and FOR NO KEY UPDATE take the exclusive lock, FOR SHARE and FOR KEY SHARE the
 * shared one: stricter than PostgreSQL's four strengths (a FOR KEY SHARE does not let a
 * non-key UPDATE through here), never weaker.
 */
final class RowLocks {
    /** Row id to holders: xid, negated for a shared lock. */
    private final ConcurrentHashMap<Long, long[]> locks = new ConcurrentHashMap<>();

    boolean isEmpty() {
        return locks.isEmpty();
    }

    /**
     * A transaction other than {@code me} whose lock conflicts with the wanted one and is still
     * in progress (per {@code inProgress}), or 0. A writer wants exclusive.
     */
    long conflicting(long rowId, long me, boolean exclusive, LongPredicate inProgress) {
        long[] holders = locks.get(rowId);
        if (holders == null) {
            return 0;
        }
        for (long h : holders) {
            long xid = Math.abs(h);
            boolean shared = h < 0;
            if (xid != me && (exclusive || !shared) && inProgress.test(xid)) {
                return xid;
            }
        }
        return 0;
    }

    /** Records a lock; a transaction holding the shared lock and taking the exclusive one keeps both. */
    void add(long rowId, long xid, boolean exclusive) {
        long entry = exclusive ? xid : -xid;
        locks.compute(rowId, (id, holders) -> {
            if (holders == null) {
                return new long[] {entry};
            }
            for (long h : holders) {
                if (h == entry) {
                    return holders;
                }
            }
            long[] more = Arrays.copyOf(holders, holders.length + 1);
            more[holders.length] = entry;
            return more;
        });
    }

    /** Drops the locks of {@code xid} on a row: at its end. */
    void release(long rowId, long xid) {
        locks.computeIfPresent(rowId, (id, holders) -> {
            long[] kept = Arrays.stream(holders).filter(h -> Math.abs(h) != xid).toArray();
            return kept.length == 0 ? null : kept;
        });
    }
}
