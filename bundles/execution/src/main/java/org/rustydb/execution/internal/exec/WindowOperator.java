package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
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
    private Iterator<Object[]> output;

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
        int width = rows.isEmpty() ? 0 : rows.get(0).length;
        Object[][] values = new Object[rows.size()][calls.size()];
        int[] outputOrder = null;
        for (int c = 0; c < calls.size(); c++) {
            int[] order = computeCall(calls.get(c), rows, values, c);
            if (outputOrder == null && !calls.get(c).order().isEmpty()) {
                outputOrder = order;
            }
            if (outputOrder == null && c == calls.size() - 1) {
                outputOrder = order;
            }
        }
        List<Object[]> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            int r = outputOrder == null ? i : outputOrder[i];
            Object[] joined = Arrays.copyOf(rows.get(r), width + calls.size());
            System.arraycopy(values[r], 0, joined, width, calls.size());
            out.add(joined);
        }
        output = out.iterator();
    }

    /** Computes one call into column {@code c} of {@code values}; returns the row order it used. */
    private int[] computeCall(WindowCall call, List<Object[]> rows, Object[][] values, int c) {
        int n = rows.size();
        int p = call.partition().size();
        int width = p + call.order().size();
        Object[][] keys = new Object[n][];
        for (int i = 0; i < n; i++) {
            Object[] row = rows.get(i);
            Object[] k = new Object[width];
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
        if (output == null) {
            compute();
        }
        return output.hasNext() ? output.next() : null;
    }

    @Override
    public void close() {
        input.close();
    }
}
