package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.AggregateCall;
import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.spi.exec.SessionContext;

/**
 * GROUP BY in a hash table: reads its whole input, then returns one row per group (keys, then the
 * aggregates' results, then with grouping sets the GROUPING() mask), groups in order of first
 * appearance. Without keys there is exactly one group, even over no rows.
 */
final class HashAggregate implements RowSource {
    private final RowSource input;
    private final BoundExpr[] keys;
    private final List<AggregateCall> calls;
    private final List<List<Integer>> sets;
    private final boolean withMask;
    private final SessionContext session;
    private Iterator<Object[]> output;
    /** Per call: whether it has no FILTER, DISTINCT or ORDER BY; and its argument expressions. */
    private final boolean[] simple;
    private final BoundExpr[][] argExprs;
    private final Object[] scratch = new Object[1];
    private static final Object[] NO_ARGS = new Object[0];

    HashAggregate(RowSource input, List<BoundExpr> keys, List<AggregateCall> calls, List<List<Integer>> sets,
                  SessionContext session) {
        this.input = input;
        this.keys = keys.toArray(new BoundExpr[0]);
        this.calls = calls;
        this.sets = sets == null ? List.of(allKeys(keys.size())) : sets;
        this.withMask = sets != null;
        this.session = session;
        this.simple = new boolean[calls.size()];
        this.argExprs = new BoundExpr[calls.size()][];
        for (int i = 0; i < calls.size(); i++) {
            AggregateCall c = calls.get(i);
            argExprs[i] = c.args().toArray(new BoundExpr[0]);
            simple[i] = c.filter() == null && !c.distinct() && c.order().isEmpty() && c.orderValues().isEmpty()
                    && c.args().size() <= 1 && !c.name().equals("array_agg"); // array_agg takes NULLs
        }
    }

    private static List<Integer> allKeys(int n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }

    /** One group's state. */
    private final class Group {
        final Object[] keyValues;
        final int mask;
        final Accumulator[] accumulators = new Accumulator[calls.size()];
        final List<Set<HashKey>> seen = new ArrayList<>();

        Group(Object[] keyValues, int mask) {
            this.keyValues = keyValues;
            this.mask = mask;
            for (int i = 0; i < calls.size(); i++) {
                AggregateCall c = calls.get(i);
                Accumulator a = Accumulator.create(c.name(), c.type().type());
                if (!c.order().isEmpty()) {
                    List<SortKey> shifted = new ArrayList<>();
                    for (SortKey k : c.order()) {
                        shifted.add(new SortKey(c.args().size() + k.column(), k.descending(), k.nullsFirst()));
                    }
                    a = new Accumulator.Ordered(a, Sort.comparator(shifted), c.args().size());
                }
                accumulators[i] = a;
                seen.add(c.distinct() ? new HashSet<>() : null);
            }
        }

        void add(Object[] row) {
            for (int i = 0; i < accumulators.length; i++) {
                AggregateCall c = calls.get(i);
                if (simple[i]) { // no FILTER, DISTINCT or ORDER BY: the argument goes straight in
                    addSimple(accumulators[i], argExprs[i], row);
                    continue;
                }
                if (c.filter() != null && !Boolean.TRUE.equals(c.filter().eval(row))) {
                    continue;
                }
                List<BoundExpr> args = c.args();
                Object[] values = new Object[args.size() + c.orderValues().size()];
                boolean anyNull = false;
                for (int a = 0; a < args.size(); a++) {
                    values[a] = args.get(a).eval(row);
                    // string_agg's delimiter may be NULL; every other NULL argument skips the row
                    anyNull |= values[a] == null && !(a == 1 && c.name().equals("string_agg"))
                            && !c.name().equals("array_agg");
                }
                if (anyNull) {
                    continue;
                }
                for (int o = 0; o < c.orderValues().size(); o++) {
                    values[args.size() + o] = c.orderValues().get(o).eval(row);
                }
                if (seen.get(i) != null && !seen.get(i).add(new HashKey(java.util.Arrays.copyOf(values, args.size())))) {
                    continue;
                }
                accumulators[i].add(values);
            }
        }

        /**
         * Adds a row to an aggregate of at most one argument without FILTER, DISTINCT or ORDER BY
         * through a reused argument array (such accumulators do not keep it); a NULL is skipped.
         */
        private void addSimple(Accumulator a, BoundExpr[] args, Object[] row) {
            if (args.length == 0) {
                a.add(NO_ARGS);
                return;
            }
            Object v = args[0].eval(row);
            if (v != null) {
                scratch[0] = v;
                a.add(scratch);
                scratch[0] = null;
            }
        }

        Object[] result(boolean withMask) {
            Object[] out = new Object[keyValues.length + accumulators.length + (withMask ? 1 : 0)];
            System.arraycopy(keyValues, 0, out, 0, keyValues.length);
            for (int i = 0; i < accumulators.length; i++) {
                out[keyValues.length + i] = accumulators[i].result();
            }
            if (withMask) {
                out[out.length - 1] = mask;
            }
            return out;
        }
    }

    private void compute() {
        List<Map<HashKey, Group>> tables = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            tables.add(new LinkedHashMap<>());
        }
        long rows = 0;
        Object[] row;
        while ((row = input.next()) != null) {
            Object[] all = new Object[keys.length];
            for (int k = 0; k < keys.length; k++) {
                all[k] = keys[k].eval(row);
            }
            if (!withMask) { // plain GROUP BY: one table keyed on all keys, no copies of the key values
                Object[] values = all;
                tables.get(0).computeIfAbsent(new HashKey(values), key -> new Group(values, 0)).add(row);
            } else {
                for (int s = 0; s < sets.size(); s++) {
                    List<Integer> set = sets.get(s);
                    Object[] values = new Object[keys.length];
                    for (int k : set) {
                        values[k] = all[k];
                    }
                    int mask = maskOf(set);
                    Group g = tables.get(s).computeIfAbsent(new HashKey(values), key -> new Group(values, mask));
                    g.add(row);
                }
            }
            if (++rows % TableScan.CANCEL_CHECK_INTERVAL == 0) {
                session.checkCancelled();
            }
        }
        List<Object[]> out = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            Map<HashKey, Group> table = tables.get(s);
            if (table.isEmpty() && sets.get(s).isEmpty()) {
                table.put(new HashKey(new Object[0]), new Group(new Object[keys.length], maskOf(sets.get(s))));
            }
            for (Group g : table.values()) {
                out.add(g.result(withMask));
            }
        }
        output = out.iterator();
    }

    /** GROUPING()'s bits: one per key, set when the key is not grouped in this set (first key highest). */
    private int maskOf(List<Integer> set) {
        int mask = 0;
        for (int k = 0; k < keys.length; k++) {
            mask = (mask << 1) | (set.contains(k) ? 0 : 1);
        }
        return mask;
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
