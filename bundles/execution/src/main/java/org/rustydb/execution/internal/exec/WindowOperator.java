package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.execution.internal.plan.WindowCall;
import org.rustydb.spi.exec.SessionContext;

/**
 * Window functions: reads its whole input, then for each call sorts the rows by PARTITION BY and
 * ORDER BY and computes the call over each partition; rows come out with the calls' values
 * appended, in the order of the first call that has one.
 *
 * <p>While reading, it keeps each call's key values column by column (see {@link WindowSort}) and
 * the input rows only when something needs them later: the operator above reads some of the input
 * columns, or a call evaluates arguments per row. Input columns the operator above does not read
 * come out as NULL.
 */
final class WindowOperator implements RowSource {
    /** The calls computed from the sort alone, streaming through each partition. */
    private static final Set<String> RANKING = Set.of("row_number", "rank", "dense_rank");
    /** The calls whose values come from partition sizes and peer groups only: they read no row. */
    private static final Set<String> ROWLESS = Set.of("row_number", "rank", "dense_rank", "percent_rank",
            "cume_dist");

    private final RowSource input;
    private final List<WindowCall> calls;
    private final SessionContext session;
    /** The input columns the operator above reads (ascending), or null for all of them. */
    private final int[] carried;
    private boolean computed;
    /** The input rows, by input position; null when not kept. */
    private List<Object[]> rows;
    private int count;
    private int width;
    /** Per call, its results by its own sorted position: unboxed for row_number, rank and dense_rank. */
    private Object[][] values;
    private long[][] ranks;
    /** The boxes of the ranking values handed out so far, by value (see {@link #box}). */
    private Long[] boxes;
    /** Per call, the sorted position of each input row; null when the call's order is the output order. */
    private int[][] positions;
    /** The input row of each output row. */
    private int[] outputOrder;
    private int next;

    WindowOperator(RowSource input, List<WindowCall> calls, int[] carried, SessionContext session) {
        this.input = input;
        this.calls = calls;
        this.carried = carried;
        this.session = session;
    }

    private void compute() {
        boolean keepRows = carried == null || carried.length > 0
                || calls.stream().anyMatch(c -> !ROWLESS.contains(c.name()));
        List<Object[]> kept = keepRows ? new ArrayList<>() : null;
        WindowKeys[][] keys = new WindowKeys[calls.size()][];
        for (int c = 0; c < calls.size(); c++) {
            keys[c] = new WindowKeys[calls.get(c).partition().size() + calls.get(c).order().size()];
            Arrays.setAll(keys[c], j -> new WindowKeys());
        }
        int n = 0;
        Object[] row;
        while ((row = input.next()) != null) {
            if (n == 0) {
                width = row.length;
            }
            if (kept != null) {
                kept.add(row);
            }
            for (int c = 0; c < keys.length; c++) {
                WindowCall call = calls.get(c);
                WindowKeys[] columns = keys[c];
                int p = call.partition().size();
                for (int j = 0; j < p; j++) {
                    columns[j].add(call.partition().get(j).eval(row));
                }
                List<BoundExpr> order = call.order();
                for (int j = 0; j < order.size(); j++) {
                    columns[p + j].add(order.get(j).eval(row));
                }
            }
            if (++n % TableScan.CANCEL_CHECK_INTERVAL == 0) {
                session.checkCancelled();
            }
        }
        count = n;
        rows = kept;
        values = new Object[calls.size()][];
        ranks = new long[calls.size()][];
        positions = new int[calls.size()][];
        int[][] orders = new int[calls.size()][];
        int firstOrdered = -1;
        for (int c = 0; c < calls.size(); c++) {
            WindowCall call = calls.get(c);
            int p = call.partition().size();
            List<SortKey> sortKeys = new ArrayList<>();
            for (int j = 0; j < p; j++) {
                sortKeys.add(new SortKey(j, false, false));
            }
            for (SortKey k : call.orderKeys()) {
                sortKeys.add(new SortKey(p + k.column(), k.descending(), k.nullsFirst()));
            }
            WindowSort sorted = WindowSort.of(keys[c], n, p, sortKeys);
            keys[c] = null; // the keys are in the sort now
            if (RANKING.contains(call.name())) {
                ranks[c] = rank(call.name(), sorted.bounds);
            } else {
                values[c] = new Object[n];
                for (int start = 0; start < n; ) {
                    int end = start + 1;
                    while (end < n && (sorted.bounds[end] & WindowSort.NEW_PARTITION) == 0) {
                        end++;
                    }
                    WindowFrames.partition(call, rows, sorted, start, end, values[c]);
                    start = end;
                }
            }
            orders[c] = sorted.order;
            if (firstOrdered < 0 && !call.order().isEmpty()) {
                firstOrdered = c;
            }
        }
        boxes = new Long[Math.min(n + 1, 1 << 16)];
        outputOrder = orders[firstOrdered >= 0 ? firstOrdered : calls.size() - 1];
        for (int c = 0; c < calls.size(); c++) {
            if (orders[c] != outputOrder) {
                int[] at = new int[n];
                for (int s = 0; s < n; s++) {
                    at[orders[c][s]] = s;
                }
                positions[c] = at;
            }
        }
        computed = true;
    }

    /** row_number, rank or dense_rank by sorted position, from where partitions and peer groups start. */
    private static long[] rank(String name, byte[] bounds) {
        long[] out = new long[bounds.length];
        int kind = name.equals("row_number") ? 0 : name.equals("rank") ? 1 : 2;
        long number = 0;
        long rank = 0;
        long dense = 0;
        for (int s = 0; s < bounds.length; s++) {
            byte b = bounds[s];
            if ((b & WindowSort.NEW_PARTITION) != 0) {
                number = 0;
                dense = 0;
            }
            number++;
            if ((b & WindowSort.NEW_PEER) != 0) {
                rank = number;
                dense++;
            }
            out[s] = kind == 0 ? number : kind == 1 ? rank : dense;
        }
        return out;
    }

    /** The i-th output row: built when asked for, so that the output is never all in memory twice. */
    private Object[] outputRow(int i) {
        int r = outputOrder[i];
        Object[] joined = new Object[width + values.length];
        if (carried == null) {
            System.arraycopy(rows.get(r), 0, joined, 0, width);
        } else if (carried.length > 0) {
            Object[] row = rows.get(r);
            for (int column : carried) {
                joined[column] = row[column];
            }
        }
        for (int c = 0; c < values.length; c++) {
            int s = positions[c] == null ? i : positions[c][r];
            joined[width + c] = ranks[c] != null ? box(ranks[c][s]) : values[c][s];
        }
        return joined;
    }

    /** A ranking value, boxed once per value rather than once per row while the values are small. */
    private Long box(long value) {
        if (value >= boxes.length) {
            return value;
        }
        Long boxed = boxes[(int) value];
        if (boxed == null) {
            boxed = value;
            boxes[(int) value] = boxed;
        }
        return boxed;
    }

    @Override
    public Object[] next() {
        if (!computed) {
            compute();
        }
        return next < count ? outputRow(next++) : null;
    }

    @Override
    public void close() {
        input.close();
    }
}
