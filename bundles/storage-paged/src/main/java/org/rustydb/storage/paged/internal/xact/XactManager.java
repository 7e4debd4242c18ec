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

    public XactManager(XactStatusFile statusFile, long nextXid) {
        this.statusFile = statusFile;
        this.nextXid = new AtomicLong(Math.max(1, nextXid));
    }

    public long begin() {
        long xid = nextXid.getAndIncrement();
        active.put(xid, Boolean.TRUE);
        return xid;
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
