package org.rustydb.storage.paged.internal.xact;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Storage transaction ids and their states. Ids are handed out on a transaction's first change
 * (read-only transactions never take one), are 64-bit and never reused: the counter is restored
 * after a restart from the control file and the log. A transaction is in progress while it is in
 * the active set; after that its state is what the status file says, and an id that never
 * committed is aborted.
 *
 * <p>Order matters for readers without locks: a committer publishes COMMITTED before it leaves
 * the active set, and {@link #state} looks at the active set first, so no reader ever takes a
 * committing transaction for an aborted one.
 */
public final class XactManager {
    /** The state of a transaction as seen by others. */
    public enum State { IN_PROGRESS, COMMITTED, ABORTED }

    private final XactStatusFile statusFile;
    private final AtomicLong nextXid;
    private final ConcurrentHashMap<Long, Boolean> active = new ConcurrentHashMap<>();
    private final java.util.Set<Snapshot> open = ConcurrentHashMap.newKeySet();

    public XactManager(XactStatusFile statusFile, long nextXid) {
        this.statusFile = statusFile;
        this.nextXid = new AtomicLong(Math.max(1, nextXid));
    }

    /** Takes the next id; registered as active before anyone can take a snapshot that misses it. */
    public synchronized long begin() {
        long xid = nextXid.getAndIncrement();
        active.put(xid, Boolean.TRUE);
        return xid;
    }

    /**
     * Which transactions had committed at this moment: an id at or past the horizon, or active now,
     * is not committed for the snapshot's reader, whatever happens later; any other id's state is
     * already final. A reader that checks row versions one by one against live states could see
     * both versions of a row updated meanwhile, or neither; against a snapshot it sees one.
     */
    public synchronized Snapshot snapshot() {
        long[] running = new long[active.size()];
        int n = 0;
        for (Long xid : active.keySet()) {
            if (n == running.length) {
                running = java.util.Arrays.copyOf(running, n * 2 + 1);
            }
            running[n++] = xid;
        }
        running = java.util.Arrays.copyOf(running, n);
        java.util.Arrays.sort(running);
        Snapshot snapshot = new Snapshot(nextXid.get(), running);
        open.add(snapshot);
        return snapshot;
    }

    /**
     * Versions deleted by a transaction committed before this id are dead to every open snapshot
     * (and to every later one), so pruning may remove them; later deletions may still be visible.
     */
    public long pruneHorizon() {
        long oldest = nextXid.get();
        for (Snapshot snapshot : open) {
            oldest = Math.min(oldest, snapshot.xmin());
        }
        return oldest;
    }

    /**
     * Vacuum's horizon, taken once per run: a version whose deleter committed below it is dead to
     * every open snapshot and every later one. Unlike {@link #pruneHorizon} it also stays below
     * every running transaction and is computed under the lock snapshots are taken under, so that
     * a deleter found committed later, and below it, cannot be running in a snapshot taken
     * meanwhile (it was not running when this was computed).
     */
    public synchronized long removalHorizon() {
        long oldest = nextXid.get();
        for (Long xid : active.keySet()) {
            oldest = Math.min(oldest, xid);
        }
        for (Snapshot snapshot : open) {
            oldest = Math.min(oldest, snapshot.xmin());
        }
        return oldest;
    }

    /** A snapshot of committed transactions; see {@link XactManager#snapshot}. */
    public final class Snapshot implements AutoCloseable {
        private final long horizon;
        private final long[] running;

        private Snapshot(long horizon, long[] running) {
            this.horizon = horizon;
            this.running = running;
        }

        /** The oldest id this snapshot may not count as committed. */
        long xmin() {
            return running.length > 0 ? running[0] : horizon;
        }

        /** Releases the versions only this snapshot still needed to pruning. */
        @Override
        public void close() {
            open.remove(this);
        }

        /** True if {@code xid} had committed when the snapshot was taken. */
        public boolean committed(long xid) {
            if (xid >= horizon || java.util.Arrays.binarySearch(running, xid) >= 0) {
                return false;
            }
            return statusFile.state(xid) == XactStatusFile.COMMITTED;
        }
    }

    /** Logs the commit and returns its LSN; call {@link #committed} once the log is durable up to it. */
    public long logCommit(long xid) {
        return statusFile.logCommitted(xid);
    }

    public void committed(long xid) {
        statusFile.publishCommitted(xid);
        active.remove(xid);
    }

    public void aborted(long xid) {
        statusFile.publishAborted(xid);
        active.remove(xid);
    }

    public State state(long xid) {
        if (active.containsKey(xid)) {
            return State.IN_PROGRESS;
        }
        return statusFile.state(xid) == XactStatusFile.COMMITTED ? State.COMMITTED : State.ABORTED;
    }

    public boolean isCommitted(long xid) {
        return !active.containsKey(xid) && statusFile.state(xid) == XactStatusFile.COMMITTED;
    }

    public long nextXid() {
        return nextXid.get();
    }

    public int activeCount() {
        return active.size();
    }

    /** The oldest transaction still in progress, or the next id if none: nothing older can change. */
    public long oldestActive() {
        long oldest = nextXid.get();
        for (Long xid : active.keySet()) {
            oldest = Math.min(oldest, xid);
        }
        return oldest;
    }
}
