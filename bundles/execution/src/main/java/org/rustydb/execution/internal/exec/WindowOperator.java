package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.execution.internal.plan.WindowCall;
import org.rustydb.execution.internal.types.Comparisons;
import org.rustydb.spi.exec.SessionContext;

/**
 * Window functions: reads its whole input, then for each call sorts the rows by PARTITION BY and
 * ORDER BY and computes the call over each partition; rows come out with the calls' values
 * appended, in the order of the first call that has one.
 */
final class WindowOperator implements RowSource {
    private final RowSource input;
    private final List<WindowCall> calls;
    private final SessionContext session;
    /** The input rows, the calls' results (per call, per input row) and the output order; then the next output. */
    private List<Object[]> rows;
    private Object[][] values;
    private int[] outputOrder;
    private int width;
    private int next;

    WindowOperator(RowSource input, List<WindowCall> calls, SessionContext session) {
        this.input = input;
        this.calls = calls;
        this.session = session;
    }

    private void compute() {
        List<Object[]> rows = new ArrayList<>();
        Object[] row;
        while ((row = input.next()) != null) {
            rows.add(row);
            if (rows.size() % TableScan.CANCEL_CHECK_INTERVAL == 0) {
                session.checkCancelled();
            }
        }
        width = rows.isEmpty() ? 0 : rows.get(0).length;
        // one array of results per call rather than one small array per row
        values = new Object[calls.size()][rows.size()];
        for (int c = 0; c < calls.size(); c++) {
            int[] order = computeCall(calls.get(c), rows, values, c);
            if (outputOrder == null && !calls.get(c).order().isEmpty()) {
                outputOrder = order;
            }
            if (outputOrder == null && c == calls.size() - 1) {
                outputOrder = order;
            }
        }
        this.rows = rows;
    }

    /** The i-th output row: built when asked for, so that the output is never all in memory twice. */
    private Object[] outputRow(int i) {
        int r = outputOrder == null ? i : outputOrder[i];
        Object[] joined = Arrays.copyOf(rows.get(r), width + calls.size());
        for (int c = 0; c < calls.size(); c++) {
            joined[width + c] = values[c][r];
        }
        return joined;
    }

    /** Computes one call into {@code values[c]} (by input row); returns the row order it used. */
    private int[] computeCall(WindowCall call, List<Object[]> rows, Object[][] values, int c) {
        int n = rows.size();
        int p = call.partition().size();
        int keyWidth = p + call.order().size();
        Object[][] keys = new Object[n][];
        for (int i = 0; i < n; i++) {
            Object[] row = rows.get(i);
            Object[] k = new Object[keyWidth];
            for (int j = 0; j < p; j++) {
                k[j] = call.partition().get(j).eval(row);
            }
            for (int j = 0; j < call.order().size(); j++) {
                k[p + j] = call.order().get(j).eval(row);
            }
            keys[i] = k;
        }
        List<SortKey> sortKeys = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            sortKeys.add(new SortKey(j, false, false));
        }
        for (SortKey k : call.orderKeys()) {
            sortKeys.add(new SortKey(p + k.column(), k.descending(), k.nullsFirst()));
        }
        int[] order = IntegralSort.order(keys, sortKeys);
        if (order == null) { // keys of other types: sort boxed positions with the general comparator
            Comparator<Object[]> byKeys = Sort.comparator(sortKeys);
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (a, b) -> byKeys.compare(keys[a], keys[b])); // stable: ties keep input order
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = boxed[i];
            }
        }
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && samePrefix(keys[order[start]], keys[order[end]], p)) {
                end++;
            }
            WindowFrames.partition(call, rows, keys, order, start, end, p, values, c);
            start = end;
        }
        return order;
    }

    private static boolean samePrefix(Object[] a, Object[] b, int length) {
        for (int i = 0; i < length; i++) {
            Object x = a[i];
            Object y = b[i];
            if (x == null || y == null ? x != y : Comparisons.compare(x, y) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object[] next() {
        if (rows == null) {
            compute();
        }
        return next < rows.size() ? outputRow(next++) : null;
    }

    @Override
    public void close() {
        input.close();
    }
}
