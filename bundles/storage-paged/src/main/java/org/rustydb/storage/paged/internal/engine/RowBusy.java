package org.rustydb.storage.paged.internal.engine;

/**
 * A row is being changed or locked by another transaction still in progress: the operation
 * must wait for that transaction to end and try again. Thrown from under page latches, caught
 * by the engine's entry points, which wait outside any latch. Carries no stack: it is control flow.
 */
final class RowBusy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient PagedTable table;
    final long holder;

    RowBusy(PagedTable table, long holder) {
        super(null, null, false, false);
        this.table = table;
        this.holder = holder;
    }
}
