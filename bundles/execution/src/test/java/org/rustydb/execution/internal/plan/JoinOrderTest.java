package org.rustydb.execution.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class JoinOrderTest {

    private static JoinOrder.Relation table(double rows) {
        return new JoinOrder.Relation(rows, rows, rows);
    }

    /** An equality between a and b, keeping 1 / ndv of the pairs. */
    private static JoinOrder.Predicate eq(int a, int b, double ndv) {
        return new JoinOrder.Predicate((1L << a) | (1L << b), true, 1 / ndv, 0);
    }

    /** The tree written as nested parentheses of relation numbers, the left input first. */
    private static String shape(JoinOrder.Tree t) {
        if (t instanceof JoinOrder.Leaf l) {
            return String.valueOf(l.relation());
        }
        JoinOrder.Node n = (JoinOrder.Node) t;
        return "(" + shape(n.left()) + " " + shape(n.right()) + ")";
    }

    private static void assertNoCrossProducts(JoinOrder.Tree t, List<JoinOrder.Predicate> predicates) {
        if (t instanceof JoinOrder.Node n) {
            boolean linked = predicates.stream().anyMatch(p -> (p.relations() & n.left().set()) != 0
                    && (p.relations() & n.right().set()) != 0);
            assertTrue(linked, "cartesian product in " + shape(t));
            assertNoCrossProducts(n.left(), predicates);
            assertNoCrossProducts(n.right(), predicates);
        }
    }

    @Test
    void chainJoinsTheSmallEndFirstAndTheLargestTableLast() {
        // 0 (1M) - 1 (1000) - 2 (10) - 3 (1000) - 4 (100): each equality on the smaller side's key
        List<JoinOrder.Relation> rels = List.of(table(1_000_000), table(1000), table(10), table(1000), table(100));
        List<JoinOrder.Predicate> preds = List.of(eq(0, 1, 1000), eq(1, 2, 10), eq(2, 3, 10), eq(3, 4, 100));
        JoinOrder.Tree t = JoinOrder.best(rels, preds, JoinOrder.DP_LIMIT);
        assertNoCrossProducts(t, preds);
        JoinOrder.Node root = assertInstanceOf(JoinOrder.Node.class, t);
        // the million-row table is read once, as the probe side of the last hash join; the others
        // join from the small end, each hash join probing with its larger input
        assertEquals(new JoinOrder.Leaf(0, 1_000_000, 1_000_000), root.left());
        assertEquals(JoinOrder.Method.HASH, root.method());
        assertEquals("(0 (((3 4) 2) 1))", shape(t));
        assertEquals(0b11110, root.right().set());
    }

    @Test
    void starJoinsTheMostSelectiveDimensionFirst() {
        // a fact table of 1M rows; each dimension keeps a different share of the fact rows
        List<JoinOrder.Relation> rels = List.of(table(1_000_000), table(500), table(10), table(100), table(1000));
        List<JoinOrder.Predicate> preds = List.of(eq(0, 1, 1000), eq(0, 2, 1000), eq(0, 3, 1000), eq(0, 4, 1000));
        JoinOrder.Tree t = JoinOrder.best(rels, preds, JoinOrder.DP_LIMIT);
        assertNoCrossProducts(t, preds);
        // 2 keeps 1%, 3 keeps 10%, 1 keeps 50%, 4 keeps all; the last join probes with table 4's
        // 1000 rows, the 500 joined rows being the smaller input to build on
        assertEquals("(4 (((0 2) 3) 1))", shape(t));
    }

    @Test
    void indexNestedLoopForFewOuterRowsAgainstALargeIndexedTable() {
        List<JoinOrder.Relation> rels = List.of(table(1000), table(1_000_000));
        List<JoinOrder.Predicate> preds = List.of(new JoinOrder.Predicate(0b11, true, 1e-6, 0b10));
        JoinOrder.Node n = (JoinOrder.Node) JoinOrder.best(rels, preds, JoinOrder.DP_LIMIT);
        assertEquals(JoinOrder.Method.INDEX_NESTED_LOOP, n.method());
        assertEquals("(0 1)", shape(n));
    }

    @Test
    void hashJoinWhenTheIndexedTableIsSmall() {
        List<JoinOrder.Relation> rels = List.of(table(1000), table(1000));
        List<JoinOrder.Predicate> preds = List.of(new JoinOrder.Predicate(0b11, true, 1e-3, 0b10));
        JoinOrder.Node n = (JoinOrder.Node) JoinOrder.best(rels, preds, JoinOrder.DP_LIMIT);
        assertEquals(JoinOrder.Method.HASH, n.method());
    }

    @Test
    void nestedLoopForConditionsOtherThanEqualities() {
        List<JoinOrder.Relation> rels = List.of(table(100), table(10));
        List<JoinOrder.Predicate> preds = List.of(new JoinOrder.Predicate(0b11, false, 1.0 / 3, 0));
        JoinOrder.Node n = (JoinOrder.Node) JoinOrder.best(rels, preds, JoinOrder.DP_LIMIT);
        assertEquals(JoinOrder.Method.NESTED_LOOP, n.method());
        assertEquals(334, n.rows(), 1);
    }

    @Test
    void cartesianProductOnlyWhenNothingLinksTheRelations() {
        // 0 - 1 linked, 2 linked to nothing: 0 and 1 join first, 2 is paired with them last
        List<JoinOrder.Relation> rels = List.of(table(1000), table(1000), table(5));
        List<JoinOrder.Predicate> preds = List.of(eq(0, 1, 1000));
        JoinOrder.Node root = (JoinOrder.Node) JoinOrder.best(rels, preds, JoinOrder.DP_LIMIT);
        assertEquals(JoinOrder.Method.NESTED_LOOP, root.method());
        assertTrue(root.left().set() == 0b011 || root.right().set() == 0b011, shape(root));
    }

    @Test
    void greedyBeyondTheLimitStillAvoidsCartesianProducts() {
        List<JoinOrder.Relation> rels = new ArrayList<>();
        List<JoinOrder.Predicate> preds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rels.add(table(100 * (i % 4 + 1)));
            if (i > 0) {
                preds.add(eq(i - 1, i, 100));
            }
        }
        JoinOrder.Tree t = JoinOrder.best(rels, preds, JoinOrder.DP_LIMIT);
        assertEquals((1L << 12) - 1, t.set());
        assertNoCrossProducts(t, preds);
    }

    @Test
    void dynamicProgrammingIsNeverWorseThanGreedy() {
        List<JoinOrder.Relation> rels = List.of(table(5000), table(20), table(300), table(70_000), table(900),
                table(10), table(4000));
        List<JoinOrder.Predicate> preds = List.of(eq(0, 1, 20), eq(1, 2, 300), eq(2, 3, 300), eq(3, 4, 900),
                eq(4, 5, 10), eq(5, 6, 10), eq(0, 6, 4000));
        double dp = JoinOrder.best(rels, preds, JoinOrder.DP_LIMIT).cost();
        double greedy = JoinOrder.best(rels, preds, 1).cost();
        assertTrue(dp <= greedy, dp + " > " + greedy);
    }

    @Test
    void aHashTablePastWorkMemLosesToAMergeJoinOverIndexOrder() {
        List<JoinOrder.Relation> rels = List.of(new JoinOrder.Relation(1e6, 1e6, 1e6, 100),
                new JoinOrder.Relation(1e6, 1e6, 1e6, 100));
        List<JoinOrder.Predicate> preds = List.of(new JoinOrder.Predicate(0b11, true, 1e-6, 0b11));
        assertEquals(JoinOrder.Method.HASH, ((JoinOrder.Node) JoinOrder.best(rels, preds, JoinOrder.DP_LIMIT)).method());
        assertEquals(JoinOrder.Method.MERGE,
                ((JoinOrder.Node) JoinOrder.best(rels, preds, JoinOrder.DP_LIMIT, 4 << 20)).method());
    }

    @Test
    void inputsAlreadyInKeyOrderMergeWithoutSorting() {
        List<JoinOrder.Relation> rels = List.of(table(5000), table(5000));
        JoinOrder.Predicate ordered = new JoinOrder.Predicate(0b11, true, 1 / 5000.0, 0b11, 0b11);
        assertEquals(JoinOrder.Method.MERGE,
                ((JoinOrder.Node) JoinOrder.best(rels, List.of(ordered), JoinOrder.DP_LIMIT)).method());
        // tiny inputs hash: a sort's setup costs more than hashing a few rows
        List<JoinOrder.Relation> tiny = List.of(table(3), table(2));
        assertEquals(JoinOrder.Method.HASH, ((JoinOrder.Node) JoinOrder.best(tiny, List.of(eq(0, 1, 3)),
                JoinOrder.DP_LIMIT)).method());
    }
}
