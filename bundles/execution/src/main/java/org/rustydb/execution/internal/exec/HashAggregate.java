package org.rustydb.execution.internal.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.rustydb.execution.internal.exec.spill.DistinctEstimate;
import org.rustydb.execution.internal.exec.spill.RowSizes;
import org.rustydb.execution.internal.exec.spill.SpillFile;
import org.rustydb.execution.internal.exec.spill.SpillSpace;
import org.rustydb.execution.internal.exec.spill.TempSpace;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.AggregateCall;
import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.execution.internal.settings.Settings;
import org.rustydb.spi.exec.SessionContext;

/**
 * GROUP BY in a hash table: reads its whole input, then returns one row per group (keys, then the
 * aggregates' results, then with grouping sets the GROUPING() mask), groups in order of first
 * appearance while they fit in work_mem; past it the rest of the groups are partitioned to
 * temporary files and come after. Without keys there is exactly one group, even over no rows.
 */
final class HashAggregate implements RowSource, Instrumented.Detailed {
    private final RowSource input;
    private final BoundExpr[] keys;
    private final List<AggregateCall> calls;
    private final List<List<Integer>> sets;
    private final boolean withMask;
    private final SessionContext session;
    private final long budget;
    /** Whether groups grow with their rows (DISTINCT, ORDER BY, array_agg, string_agg). */
    private final boolean collects;
    private Iterator<Object[]> output;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final SpillSpace space;
    private long peakMemory;
    private long diskBytes;
    private int batches = 1;

    /** Partitions per spilling pass (a power of two: each pass takes 4 bits of the key's hash). */
    private static final int PARTITIONS = 16;
    /** Passes past the first that may spill again; beyond, a partition is aggregated in memory whatever its size. */
    private static final int MAX_DEPTH = 7;
    /** Estimated bytes of a group's table entry, key object and state, besides its key values. */
    private static final long GROUP_OVERHEAD = 120;
    private static final long ACCUMULATOR_SIZE = 48;

    /** A partition file waiting to be aggregated, for one grouping set. */
    private record Pending(SpillFile file, int set, int depth, long groups) {
    }
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
        this.budget = Settings.workMemBytes(session);
        this.space = new SpillSpace(() -> TempSpace.directory(session));
        boolean grows = false;
        for (AggregateCall c : calls) {
            grows |= c.distinct() || !c.order().isEmpty() || c.name().equals("array_agg")
                    || c.name().equals("string_agg");
        }
        this.collects = grows;
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
        int[] all = new int[sets.size()];
        for (int s = 0; s < all.length; s++) {
            all[s] = s;
        }
        output = pass(input::next, all, 0, -1).iterator();
    }

    /**
     * Aggregates rows into a hash table per grouping set. Once the groups' estimated size passes
     * work_mem, rows of groups not in a table yet go to the set's partition files by the hash of
     * their key (as PostgreSQL 13's spilling hash aggregation), to be aggregated by later passes;
     * groups in the tables keep aggregating. Returns the in-memory groups' results.
     */
    private List<Object[]> pass(SpillFile.Reader rows, int[] setIndexes, int depth, long expectedGroups) {
        // per grouping set: its group keys, and its groups by key id (so in order of first appearance)
        KeyTable[] tables = new KeyTable[setIndexes.length];
        List<List<Group>> groupsOf = new ArrayList<>();
        for (int i = 0; i < setIndexes.length; i++) {
            tables[i] = new KeyTable();
            groupsOf.add(new ArrayList<>());
        }
        SpillFile[][] partitions = new SpillFile[setIndexes.length][];
        DistinctEstimate[][] distinct = new DistinctEstimate[setIndexes.length][PARTITIONS];
        boolean spilling = false;
        int fanOut = PARTITIONS;
        long groups = 0;
        long memory = 0;
        long count = 0;
        // the row's key values are reused row after row; a new group copies them
        Object[] all = new Object[keys.length];
        Object[] row;
        while ((row = rows.next()) != null) {
            for (int k = 0; k < keys.length; k++) {
                all[k] = keys[k].eval(row);
            }
            for (int i = 0; i < setIndexes.length; i++) {
                List<Integer> set = sets.get(setIndexes[i]);
                Object[] values;
                if (!withMask) { // plain GROUP BY: the row's key values as they are, copied for a new group only
                    values = all;
                } else {
                    values = new Object[keys.length];
                    for (int k : set) {
                        values[k] = all[k];
                    }
                }
                if (keys.length == 0 && !groupsOf.get(i).isEmpty()) { // no GROUP BY: one group, no lookup
                    groupsOf.get(i).get(0).add(row);
                    continue;
                }
                Object[] normalized = KeyTable.normalized(values);
                int hash = KeyTable.hash(normalized);
                int id = tables[i].find(normalized, hash);
                Group g;
                if (id >= 0) {
                    g = groupsOf.get(i).get(id);
                } else {
                    if (spilling && !set.isEmpty() && depth < MAX_DEPTH) {
                        int p = partition(hash, depth, fanOut);
                        partitionFile(partitions, i, p).write(row);
                        if (distinct[i][p] == null) {
                            distinct[i][p] = new DistinctEstimate();
                        }
                        distinct[i][p].add(hash);
                        continue;
                    }
                    if (values == all) {
                        values = all.clone();
                    }
                    g = new Group(values, maskOf(set));
                    tables[i].add(normalized == all ? values : normalized, hash);
                    groupsOf.get(i).add(g);
                    memory += GROUP_OVERHEAD + calls.size() * ACCUMULATOR_SIZE + RowSizes.of(values);
                    groups++;
                    if (!spilling && memory > budget) {
                        spilling = true; // fanOut is fixed from here: a key must keep its partition
                        fanOut = fanOut(expectedGroups, groups);
                    }
                }
                g.add(row);
                if (collects) {
                    memory += RowSizes.of(row);
                }
            }
            if (++count % TableScan.CANCEL_CHECK_INTERVAL == 0) {
                session.checkCancelled();
            }
        }
        peakMemory = Math.max(peakMemory, memory);
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < setIndexes.length; i++) {
            List<Group> setGroups = groupsOf.get(i);
            List<Integer> set = sets.get(setIndexes[i]);
            if (depth == 0 && setGroups.isEmpty() && set.isEmpty()) {
                setGroups.add(new Group(new Object[keys.length], maskOf(set)));
            }
            for (Group g : setGroups) {
                out.add(g.result(withMask));
            }
            if (partitions[i] != null) {
                for (int p = 0; p < PARTITIONS; p++) {
                    SpillFile f = partitions[i][p];
                    if (f != null) {
                        diskBytes += f.bytes();
                        pending.push(new Pending(f, setIndexes[i], depth + 1, distinct[i][p].estimate()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * How many partitions the rest of a pass's rows go to: as many as the groups still to come need
     * if each holds as many as fitted in memory (with a margin for the estimate), a power of two.
     * Without an estimate of the groups (the first pass), the most. Fewer partitions are fewer
     * files and passes, which cost more than their rows when work_mem is small.
     */
    private static int fanOut(long expectedGroups, long groupsInMemory) {
        if (expectedGroups < 0) {
            return PARTITIONS;
        }
        double remainingGroups = Math.max(0, expectedGroups - groupsInMemory);
        int needed = (int) Math.ceil(1.5 * remainingGroups / Math.max(1, groupsInMemory));
        return Math.max(2, Math.min(PARTITIONS, Integer.highestOneBit(Math.max(1, needed - 1)) << 1));
    }

    /** The partition of a group key's hash at a depth: each depth uses other bits of the hash. */
    private static int partition(int hash, int depth, int fanOut) {
        int h = hash * 0x9E3779B9;
        return (h >>> (28 - 4 * depth)) & (fanOut - 1);
    }

    private SpillFile partitionFile(SpillFile[][] partitions, int set, int p) {
        if (partitions[set] == null) {
            partitions[set] = new SpillFile[PARTITIONS];
        }
        SpillFile f = partitions[set][p];
        if (f == null) {
            f = space.create();
            partitions[set][p] = f;
        }
        return f;
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
        while (!output.hasNext()) {
            Pending p = pending.poll();
            if (p == null) {
                return null;
            }
            batches++;
            List<Object[]> results = pass(p.file().read(), new int[] {p.set()}, p.depth(), p.groups());
            space.release(p.file());
            output = results.iterator();
        }
        return output.next();
    }

    @Override
    public String detail() {
        if (output == null || keys.length == 0) {
            return null;
        }
        return Instrumented.hashDetail(batches, peakMemory, diskBytes);
    }

    @Override
    public void close() {
        try {
            pending.clear();
            space.close();
        } finally {
            input.close();
        }
    }
}
