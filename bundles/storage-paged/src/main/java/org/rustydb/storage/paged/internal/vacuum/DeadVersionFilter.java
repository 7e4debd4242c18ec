package org.rustydb.storage.paged.internal.vacuum;

import org.rustydb.storage.paged.internal.heap.TupleFilter;
import org.rustydb.storage.paged.internal.xact.XactManager;

/**
 * Vacuum's verdict on each tuple, against one horizon taken when the vacuum starts (see
 * {@link XactManager#removalHorizon}): dead if its inserter aborted, or its deleter committed
 * below the horizon. Counts what it sees, as {@code VACUUM VERBOSE} reports it; the heap asks about
 * each tuple once per prune. One vacuum run, one thread.
 */
final class DeadVersionFilter implements TupleFilter {
    private final XactManager xacts;
    private final long horizon;
    long removed;
    long kept;
    /** Kept although dead to some: its deleter committed, but an open snapshot may still see it. */
    long unremovable;

    DeadVersionFilter(XactManager xacts, long horizon) {
        this.xacts = xacts;
        this.horizon = horizon;
    }

    @Override
    public boolean isDead(long xmin, long xmax) {
        if (xacts.state(xmin) == XactManager.State.ABORTED
                || (xmax != 0 && xmax < horizon && xacts.isCommitted(xmax))) {
            removed++;
            return true;
        }
        kept++;
        if (xmax != 0 && xacts.isCommitted(xmax)) {
            unremovable++;
        }
        return false;
    }

    /**
     * Created below the horizon by a committed transaction (so every snapshot open now or later
     * counts it committed) and never deleted, or deleted by one that aborted.
     */
    @Override
    public boolean visibleToAll(long xmin, long xmax) {
        return xmin < horizon && xacts.isCommitted(xmin)
                && (xmax == 0 || xacts.state(xmax) == XactManager.State.ABORTED);
    }

    @Override
    public boolean mayDie(long xmin, long xmax) {
        return xmax != 0 && xacts.state(xmax) != XactManager.State.ABORTED;
    }
}
