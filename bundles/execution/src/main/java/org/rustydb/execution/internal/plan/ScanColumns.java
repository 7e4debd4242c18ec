package org.rustydb.execution.internal.plan;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.InputColumn;
import org.rustydb.execution.internal.expr.OuterRef;

/**
 * Which columns each table scan of a plan must deliver: those some operator above it reads
 * (output, filters, join keys and conditions, grouping and aggregate arguments, sort keys,
 * window arguments, partitions and orderings), so that the storage engine decodes only those.
 * Walks the plan top-down with the set of output columns each node's parent reads; whatever it
 * cannot see through (set operations, LATERAL, subquery expressions, expression kinds it does not
 * know) asks for every column, which is always correct. A scan that locks rows reads them whole.
 * Window nodes learn the same way which of their input columns they must carry to their output.
 */
public final class ScanColumns {
    private final Map<PlanNode.Scan, BitSet> needed = new IdentityHashMap<>();
    /** Per window node, the input columns the operator above reads (null: all); the rest need not be carried. */
    private final Map<PlanNode.Window, BitSet> windowNeeds = new IdentityHashMap<>();
    private final Set<PlanNode> covered = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The arrays {@link #columnsOf(PlanNode.Scan)} returns, once {@link #of} has made them; else null. */
    private Map<PlanNode.Scan, int[]> scanArrays;

    /**
     * The analysis of a whole plan, made once for all its executions (it depends on the plan
     * alone): read-only from here on, as every node an executor opens lies inside the plan, and
     * so may serve several executions, one after the other or at once.
     */
    public static ScanColumns of(PlanNode root) {
        ScanColumns analysis = new ScanColumns();
        analysis.cover(root);
        Map<PlanNode.Scan, int[]> arrays = new IdentityHashMap<>();
        for (PlanNode.Scan scan : analysis.needed.keySet()) {
            arrays.put(scan, analysis.columnsOf(scan));
        }
        analysis.scanArrays = arrays;
        return analysis;
    }

    /**
     * Analyses a plan whose rows are read whole by the caller, unless this node was already seen
     * inside a plan analysed before (then what that analysis found holds).
     */
    public void cover(PlanNode root) {
        // an analysis made by of() stays as it is: a scan it did not see reads whole rows, which is always correct
        if (scanArrays == null && !covered.contains(root)) {
            visit(root, null);
        }
    }

    /**
     * The columns to read for a scan (ascending), or null for all of them: a scan that was not
     * analysed, or that needs every column.
     */
    public int[] columnsOf(PlanNode.Scan scan) {
        if (scanArrays != null && scanArrays.containsKey(scan)) {
            return scanArrays.get(scan); // callers only read it
        }
        BitSet columns = needed.get(scan);
        int width = scan.table().definition().columns().size();
        if (columns == null || columns.nextClearBit(0) >= width) {
            return null;
        }
        return columns.stream().filter(c -> c < width).toArray();
    }

    /**
     * The columns a scan reads (a set of column positions, all of them when it needs every one),
     * or null when the scan was not analysed: then nothing is known and it must read whole rows.
     */
    public BitSet neededOf(PlanNode.Scan scan) {
        if (!needed.containsKey(scan)) {
            return null;
        }
        BitSet columns = needed.get(scan);
        if (columns == null) {
            columns = new BitSet();
            columns.set(0, scan.table().definition().columns().size());
        }
        return (BitSet) columns.clone();
    }

    /**
     * The columns the analysed scans of a table read together, or null when none was analysed
     * (then nothing is known and every column counts).
     */
    public BitSet neededOf(org.rustydb.spi.storage.TableHandle table) {
        BitSet all = null;
        for (PlanNode.Scan scan : needed.keySet()) {
            if (scan.table().equals(table)) {
                BitSet columns = neededOf(scan);
                all = all == null ? columns : union(all, columns);
            }
        }
        return all;
    }

    /**
     * The input columns a window node's output must carry (ascending), or null for all of them: a
     * node that was not analysed, or whose parent reads every input column.
     */
    public int[] columnsOf(PlanNode.Window window) {
        BitSet columns = windowNeeds.get(window);
        int width = window.input().width();
        if (columns == null || columns.nextClearBit(0) >= width) {
            return null;
        }
        return columns.stream().filter(c -> c < width).toArray();
    }

    /** {@code need}: the output columns the parent reads, null for all. */
    private void visit(PlanNode node, BitSet need) {
        covered.add(node);
        if (node instanceof PlanNode.Scan scan) {
            BitSet columns = scan.locking() == null ? union(need, refs(scan.filter())) : null;
            if (needed.containsKey(scan)) {
                columns = union(needed.get(scan), columns); // the same scan reached twice
            }
            needed.put(scan, columns);
        } else if (node instanceof PlanNode.Filter f) {
            visit(f.input(), union(need, refs(f.condition())));
        } else if (node instanceof PlanNode.Project p) {
            // every expression is evaluated, whether read above or not
            visit(p.input(), refs(p.exprs()));
        } else if (node instanceof PlanNode.Join j) {
            int leftWidth = j.left().width();
            boolean both = j.kind() != JoinKind.SEMI && j.kind() != JoinKind.ANTI;
            // SEMI and ANTI output the left row only, but their condition reads both sides
            BitSet joined = union(both ? need : leftPart(need, leftWidth), refs(j.residual()));
            visit(j.left(), union(leftPart(joined, leftWidth), refs(j.leftKeys())));
            visit(j.right(), union(rightPart(joined, leftWidth), refs(j.rightKeys())));
        } else if (node instanceof PlanNode.IndexJoin j) {
            int leftWidth = j.left().width();
            BitSet joined = union(need, refs(j.residual()));
            visit(j.left(), union(leftPart(joined, leftWidth), refs(j.outerKeys())));
            visit(j.right(), rightPart(joined, leftWidth));
        } else if (node instanceof PlanNode.Aggregate a) {
            BitSet input = refs(a.keys());
            for (AggregateCall call : a.calls()) {
                input = union(input, refsIn(call));
            }
            visit(a.input(), input);
        } else if (node instanceof PlanNode.Window w) {
            BitSet carried = leftPart(need, w.input().width());
            if (windowNeeds.containsKey(w)) {
                carried = union(windowNeeds.get(w), carried); // the same node reached twice
            }
            windowNeeds.put(w, carried);
            BitSet input = carried;
            for (WindowCall call : w.calls()) {
                input = union(input, refsIn(call));
            }
            visit(w.input(), input);
        } else if (node instanceof PlanNode.Sort s) {
            BitSet input = copy(need);
            if (input != null) {
                s.keys().forEach(k -> input.set(k.column()));
            }
            visit(s.input(), input);
        } else if (node instanceof PlanNode.Limit l) {
            visit(l.input(), need);
        } else if (node instanceof PlanNode.Distinct d) {
            BitSet input = copy(need);
            if (input != null) {
                d.keyColumns().forEach(input::set);
            }
            visit(d.input(), input);
        } else {
            // set operations compare whole rows; LATERAL's right side reads the left row: all
            for (PlanNode child : children(node)) {
                visit(child, null);
            }
        }
    }

    private static List<PlanNode> children(PlanNode node) {
        return components((Record) node).stream().filter(PlanNode.class::isInstance).map(PlanNode.class::cast).toList();
    }

    private static BitSet leftPart(BitSet columns, int leftWidth) {
        return columns == null ? null : columns.get(0, leftWidth);
    }

    /** The right side's columns of a joined row's, renumbered from 0. */
    private static BitSet rightPart(BitSet columns, int leftWidth) {
        return columns == null ? null : columns.get(leftWidth, Math.max(leftWidth, columns.length()));
    }

    private static BitSet copy(BitSet columns) {
        return columns == null ? null : (BitSet) columns.clone();
    }

    /** Both sets together; null (all) if either is. */
    private static BitSet union(BitSet a, BitSet b) {
        if (a == null || b == null) {
            return null;
        }
        BitSet result = (BitSet) a.clone();
        result.or(b);
        return result;
    }

    /**
     * The input columns some expressions read, or null when that cannot be told (then they may
     * read any); for the columns an UPDATE or DELETE needs SELECT on.
     */
    public static BitSet columnsRead(List<BoundExpr> exprs) {
        return refs(exprs);
    }

    private static BitSet refs(List<BoundExpr> exprs) {
        BitSet columns = new BitSet();
        for (BoundExpr e : exprs) {
            if (!collect(e, columns)) {
                return null;
            }
        }
        return columns;
    }

    private static BitSet refs(BoundExpr expr) {
        BitSet columns = new BitSet();
        return expr == null || collect(expr, columns) ? columns : null;
    }

    /** The input columns of every expression held by a call (arguments, filter, partition, order, frame). */
    private static BitSet refsIn(Record call) {
        BitSet columns = new BitSet();
        return collectIn(call, columns) ? columns : null;
    }

    /**
     * Adds the input columns an expression reads; false if it cannot tell (then it may read any).
     * The expression records of the expr package read the input row only through their
     * {@link InputColumn} parts; an outer reference reads an enclosing query's row.
     */
    private static boolean collect(BoundExpr expr, BitSet columns) {
        if (expr instanceof InputColumn c) {
            columns.set(c.inputColumn());
            return true;
        }
        if (expr instanceof OuterRef) {
            return true;
        }
        boolean known = expr.getClass().getPackageName().equals(InputColumn.class.getPackageName());
        return known && expr instanceof Record r && collectIn(r, columns);
    }

    private static boolean collectIn(Record record, BitSet columns) {
        for (Object part : components(record)) {
            if (!collectPart(part, columns)) {
                return false;
            }
        }
        return true;
    }

    private static boolean collectPart(Object part, BitSet columns) {
        if (part instanceof BoundExpr e) {
            return collect(e, columns);
        }
        if (part instanceof PlanNode) {
            return false;
        }
        if (part instanceof Collection<?> items) {
            for (Object item : items) {
                if (!collectPart(item, columns)) {
                    return false;
                }
            }
            return true;
        }
        // nested records (CASE's WHEN arms, a window frame) hold expressions too
        return !(part instanceof Record r) || collectIn(r, columns);
    }

    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] parts = type.getRecordComponents();
            Method[] accessors = new Method[parts.length];
            for (int i = 0; i < parts.length; i++) {
                accessors[i] = parts[i].getAccessor();
                accessors[i].setAccessible(true);
            }
            return accessors;
        }
    };

    private static List<Object> components(Record record) {
        Method[] accessors = ACCESSORS.get(record.getClass());
        Object[] values = new Object[accessors.length];
        try {
            for (int i = 0; i < accessors.length; i++) {
                values[i] = accessors[i].invoke(record);
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read the parts of " + record.getClass().getName(), e);
        }
        return java.util.Arrays.asList(values);
    }
}
