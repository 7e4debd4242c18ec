package org.rustydb.execution.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.Comparison;
import org.rustydb.execution.internal.expr.Logic;
import org.rustydb.execution.internal.plan.JoinKind;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.exec.SessionContext;

/** The merge join returns what a nested loop over the same condition returns, for every join kind. */
class MergeJoinTest {
    private static final SessionContext SESSION = (SessionContext) Proxy.newProxyInstance(
            MergeJoinTest.class.getClassLoader(), new Class<?>[] {SessionContext.class}, (p, m, a) -> null);

    /** Rows (k1, k2, id): few distinct keys so that both sides have duplicates, and some NULLs. */
    private static List<Object[]> rows(Random random, int n, int distinct) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Integer k1 = random.nextInt(8) == 0 ? null : random.nextInt(distinct);
            Integer k2 = random.nextInt(10) == 0 ? null : random.nextInt(2);
            rows.add(new Object[] {k1, k2, i});
        }
        return rows;
    }

    private static RowSource source(List<Object[]> rows) {
        Iterator<Object[]> it = rows.iterator();
        return new RowSource() {
            @Override
            public Object[] next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Sorted on the first {@code keys} columns, NULLs last, as the plan's sorts give them. */
    private static List<Object[]> sorted(List<Object[]> rows, int keys) {
        Comparator<Object> nullsLast = Comparator.nullsLast(Comparator.comparing(o -> (Integer) o));
        Comparator<Object[]> order = Comparator.comparing(r -> r[0], nullsLast);
        if (keys > 1) {
            order = order.thenComparing(r -> r[1], nullsLast);
        }
        List<Object[]> out = new ArrayList<>(rows);
        out.sort(order);
        return out;
    }

    private static List<String> drain(RowSource s) {
        List<String> out = new ArrayList<>();
        Object[] row;
        while ((row = s.next()) != null) {
            out.add(Arrays.toString(row));
        }
        s.close();
        out.sort(null);
        return out;
    }

    private static ColumnRef col(int i) {
        return new ColumnRef(i, DataType.INTEGER, "c" + i);
    }

    private static void check(JoinKind kind, int keys, boolean withResidual, long seed) {
        Random random = new Random(seed);
        List<Object[]> left = rows(random, random.nextInt(60), 1 + random.nextInt(10));
        List<Object[]> right = rows(random, random.nextInt(60), 1 + random.nextInt(10));
        List<BoundExpr> leftKeys = new ArrayList<>();
        List<BoundExpr> rightKeys = new ArrayList<>();
        List<BoundExpr> equalities = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            leftKeys.add(col(i));
            rightKeys.add(col(i));
            equalities.add(new Comparison(Comparison.Op.EQ, col(i), col(3 + i)));
        }
        // a residual over both sides: the ids differ
        BoundExpr residual = withResidual ? new Comparison(Comparison.Op.LT, col(2), col(5)) : null;
        List<BoundExpr> all = new ArrayList<>(equalities);
        if (residual != null) {
            all.add(residual);
        }
        RowSource merge = new MergeJoin(kind, source(sorted(left, keys)), source(sorted(right, keys)), leftKeys,
                rightKeys, residual, 3, 3, SESSION);
        RowSource loop = new Joins(kind, source(left), source(right), List.of(), List.of(),
                all.size() == 1 ? all.get(0) : Logic.and(all), 3, 3, SESSION);
        assertEquals(drain(loop), drain(merge), kind + " keys=" + keys + " residual=" + withResidual + " seed=" + seed);
    }

    @Test
    void everyJoinKindMatchesTheNestedLoop() {
        for (JoinKind kind : JoinKind.values()) {
            for (int keys = 1; keys <= 2; keys++) {
                for (boolean residual : new boolean[] {false, true}) {
                    for (long seed = 0; seed < 40; seed++) {
                        check(kind, keys, residual, seed);
                    }
                }
            }
        }
    }

    @Test
    void emptyInputs() {
        List<Object[]> some = List.of(new Object[] {1, 1, 1}, new Object[] {null, 1, 2});
        List<BoundExpr> k = List.of(col(0));
        assertEquals(List.of("[1, 1, 1, null, null, null]", "[null, 1, 2, null, null, null]"),
                drain(new MergeJoin(JoinKind.FULL, source(some), source(List.of()), k, k, null, 3, 3, SESSION)));
        assertEquals(List.of("[null, null, null, 1, 1, 1]", "[null, null, null, null, 1, 2]"),
                drain(new MergeJoin(JoinKind.FULL, source(List.of()), source(some), k, k, null, 3, 3, SESSION)));
        assertEquals(List.of(),
                drain(new MergeJoin(JoinKind.INNER, source(some), source(some.subList(1, 2)), k, k, null, 3, 3,
                        SESSION)));
    }
}
