package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.spi.exec.SessionContext;

/**
 * ORDER BY ... LIMIT n: keeps only the first n rows in order in a bounded heap (the largest on
 * top, evicted by any smaller row), instead of sorting everything. Ties keep their input order,
 * as the full sort does.
 */
final class TopN implements RowSource, Instrumented.Detailed {
    private final RowSource input;
    private final Comparator<Object[]> order;
    private final long count;
    private final SessionContext session;
    private List<Object[]> rows;
    private int index;
    private long memory = -1;

    TopN(RowSource input, List<SortKey> keys, long count, SessionContext session) {
        this.input = input;
        this.order = Sort.comparator(keys);
        this.count = count;
        this.session = session;
    }

    /** A row and its position in the input, so that equal rows keep their order. */
    private record Ranked(Object[] row, long seq) {
    }

    @Override
    public Object[] next() {
        if (rows == null) {
            Comparator<Ranked> byOrder = (a, b) -> {
                int c = order.compare(a.row(), b.row());
                return c != 0 ? c : Long.compare(a.seq(), b.seq());
            };
            PriorityQueue<Ranked> heap = new PriorityQueue<>(byOrder.reversed());
            long seq = 0;
            Object[] row;
            while ((row = input.next()) != null) {
                Ranked r = new Ranked(row, seq++);
                if (heap.size() < count) {
                    heap.add(r);
                } else if (count > 0 && byOrder.compare(r, heap.peek()) < 0) {
                    heap.poll();
                    heap.add(r);
                }
                if (seq % TableScan.CANCEL_CHECK_INTERVAL == 0) {
                    session.checkCancelled();
                }
            }
            List<Ranked> kept = new ArrayList<>(heap);
            kept.sort(byOrder);
            rows = new ArrayList<>(kept.size());
            kept.forEach(k -> rows.add(k.row()));
            memory = 0;
            for (Object[] r : rows) {
                memory += org.rustydb.execution.internal.exec.spill.RowSizes.of(r) + 32;
            }
        }
        return index < rows.size() ? rows.get(index++) : null;
    }

    @Override
    public String detail() {
        return memory < 0 ? null : "Sort Method: top-N heapsort  Memory: " + Sort.kilobytes(memory) + "kB";
    }

    @Override
    public void close() {
        rows = null;
        input.close();
    }
}
