package org.rustydb.storage.paged.internal.heap;

/**
 * The engine's verdict on whether a tuple is dead to every transaction (its inserter aborted, or
 * its deleter committed before the oldest running snapshot), so that pruning may remove it.
 * Called under the heap page's exclusive latch: it may look up transaction status (those pages
 * come after heap pages in the latch order) but must not latch heap or B+tree pages.
 */
@FunctionalInterface
public interface TupleFilter {
    boolean isDead(long xmin, long xmax);

    /**
     * The filter for one pass over one page, which may look up once what holds for the whole
     * pass (a horizon) instead of once per tuple. This filter itself by default.
     */
    default TupleFilter forOnePass() {
        return this;
    }

    /**
     * A cheap pre-check before an opportunistic prune: whether a page whose smallest unpruned
     * xmax is {@code oldestXmax} may hold dead tuples yet (for example, false while that
     * transaction is newer than the oldest running one). Without it, inserts may prune pages in
     * vain.
     */
    default boolean worthPruning(long oldestXmax) {
        return true;
    }

    /**
     * For a tuple {@link #isDead} kept: whether it may still become dead without another write,
     * that is, it has an xmax that did not abort. Pruning keeps the page's prune hint for such
     * tuples only, so a page whose only deleter rolled back stops being pruned in vain.
     */
    default boolean mayDie(long xmin, long xmax) {
        return xmax != 0;
    }

    /**
     * For a tuple {@link #isDead} kept: whether every transaction, running now or started later,
     * sees it (its creator committed before every open snapshot, and no deleter that may commit);
     * vacuum then marks a page of such tuples all-visible. False by default: only vacuum knows a
     * horizon it can vouch for.
     */
    default boolean visibleToAll(long xmin, long xmax) {
        return false;
    }
}
