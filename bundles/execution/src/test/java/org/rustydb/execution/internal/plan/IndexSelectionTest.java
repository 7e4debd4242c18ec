package org.rustydb.execution.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.Arithmetic;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.CastExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.Comparison;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.expr.Logic;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;

/** Index choice and key ranges for bound conditions, without a storage engine. */
class IndexSelectionTest {
    /** t (a int, b bigint, s text, f boolean, n smallint). */
    private static final TableDefinition DEF = new TableDefinition("public", "t", List.of(
            new ColumnDefinition("a", SqlType.INTEGER, -1, false),
            new ColumnDefinition("b", SqlType.BIGINT, -1, false),
            new ColumnDefinition("s", SqlType.TEXT, -1, false),
            new ColumnDefinition("f", SqlType.BOOLEAN, -1, false),
            new ColumnDefinition("n", SqlType.SMALLINT, -1, false)), List.of());
    private static final TableHandle TABLE = () -> DEF;

    private record Index(IndexDefinition definition) implements IndexHandle {
        @Override
        public TableHandle table() {
            return TABLE;
        }
    }

    private static final IndexHandle A = index("t_a_idx", false, 0);
    private static final IndexHandle AB = index("t_a_b_idx", false, 0, 1);
    private static final IndexHandle B_UNIQUE = index("t_b_key", true, 1);
    private static final IndexHandle S = index("t_s_idx", false, 2);
    private static final IndexHandle F = index("t_f_idx", false, 3);
    private static final IndexHandle N = index("t_n_idx", false, 4);

    private static IndexHandle index(String name, boolean unique, Integer... columns) {
        return new Index(new IndexDefinition(name, List.of(columns), unique));
    }

    private static ColumnRef col(int i) {
        ColumnDefinition c = DEF.columns().get(i);
        return new ColumnRef(i, new DataType(c.type(), -1), c.name());
    }

    private static Literal lit(Object v) {
        DataType type = v == null ? DataType.UNKNOWN : v instanceof Integer ? DataType.INTEGER
                : v instanceof Long ? DataType.BIGINT : v instanceof String ? DataType.TEXT : DataType.BOOLEAN;
        return new Literal(type, v, 0);
    }

    private static BoundExpr cmp(Comparison.Op op, BoundExpr l, BoundExpr r) {
        return new Comparison(op, l, r);
    }

    private static BoundExpr and(BoundExpr... terms) {
        return Logic.and(Arrays.asList(terms));
    }

    private static AccessPath choose(BoundExpr filter, IndexHandle... indexes) {
        return IndexSelection.choose(TABLE, List.of(indexes), filter, List.of());
    }

    private static KeyRange range(List<Object> low, boolean lowIn, List<Object> high, boolean highIn) {
        return new KeyRange(low, lowIn, high, highIn);
    }

    @Test
    void noUsableConditionMeansAFullScan() {
        AccessPath p = choose(cmp(Comparison.Op.NE, col(0), lit(1)), A);
        assertFalse(p.usesIndex());
        assertEquals("Seq Scan on t", p.describe());
        assertFalse(choose(null, A).usesIndex());
        // OR and comparisons between columns do not bound a key
        assertFalse(choose(Logic.or(List.of(cmp(Comparison.Op.EQ, col(0), lit(1)),
                cmp(Comparison.Op.EQ, col(0), lit(2)))), A).usesIndex());
        assertFalse(choose(cmp(Comparison.Op.EQ, col(0), col(1)), A).usesIndex());
    }

    @Test
    void equalityOnEitherSideGivesAPointRange() {
        AccessPath p = choose(cmp(Comparison.Op.EQ, lit(5), col(0)), A);
        assertEquals("Index Scan using t_a_idx on t", p.describe());
        assertEquals(KeyRange.equal(5), p.range());
    }

    @Test
    void rangesTakeTheTightestBoundsAndFlipReversedComparisons() {
        // a > 1 AND 10 >= a AND a >= 3 AND a < 10 (BETWEEN binds as a nested AND)
        BoundExpr filter = and(cmp(Comparison.Op.GT, col(0), lit(1)), cmp(Comparison.Op.GE, lit(10), col(0)),
                and(cmp(Comparison.Op.GE, col(0), lit(3)), cmp(Comparison.Op.LT, col(0), lit(10))));
        assertEquals(range(List.of(3), true, List.of(10), false), choose(filter, A).range());
        // equal bounds: the exclusive one wins
        filter = and(cmp(Comparison.Op.GE, col(0), lit(3)), cmp(Comparison.Op.GT, col(0), lit(3)));
        assertEquals(range(List.of(3), false, List.of(), true), choose(filter, A).range());
    }

    @Test
    void anEqualityPrefixIsFollowedByARangeOnTheNextColumn() {
        BoundExpr filter = and(cmp(Comparison.Op.LT, col(1), lit(100L)), cmp(Comparison.Op.EQ, col(0), lit(7)));
        AccessPath p = choose(filter, A, AB);
        assertEquals("t_a_b_idx", p.index().definition().name());
        assertEquals(range(List.of(7), true, List.of(7, 100L), false), p.range());
        // a range on the first column does not continue onto the second
        filter = and(cmp(Comparison.Op.GT, col(0), lit(1)), cmp(Comparison.Op.EQ, col(1), lit(2L)));
        assertEquals(range(List.of(1), false, List.of(), true), choose(filter, AB).range());
    }

    @Test
    void aFullyMatchedUniqueIndexWinsThenTheLongestEqualityPrefix() {
        BoundExpr filter = and(cmp(Comparison.Op.EQ, col(0), lit(1)), cmp(Comparison.Op.EQ, col(1), lit(2L)));
        assertEquals("t_b_key", choose(filter, A, AB, B_UNIQUE).index().definition().name());
        assertEquals("t_a_b_idx", choose(filter, A, AB).index().definition().name());
        // an equality beats a range, an equality and a range beat an equality alone
        filter = and(cmp(Comparison.Op.GT, col(1), lit(1L)), cmp(Comparison.Op.EQ, col(0), lit(1)));
        assertEquals("t_a_idx", choose(filter, B_UNIQUE, A).index().definition().name());
        assertEquals("t_a_b_idx", choose(filter, B_UNIQUE, A, AB).index().definition().name());
        // among equals the first index wins
        filter = cmp(Comparison.Op.EQ, col(0), lit(1));
        assertEquals("t_a_idx", choose(filter, A, AB).index().definition().name());
        assertEquals("t_a_b_idx", choose(filter, AB, A).index().definition().name());
    }

    @Test
    void constantsAreConvertedExactlyToTheColumnType() {
        // b is bigint: an integer constant becomes a Long key
        assertEquals(KeyRange.equal(5L), choose(cmp(Comparison.Op.EQ, col(1), lit(5)), B_UNIQUE).range());
        // a is integer: an int8 constant that fits becomes an Integer; one that does not fit is not used
        assertEquals(KeyRange.equal(5), choose(cmp(Comparison.Op.EQ, col(0), lit(5L)), A).range());
        assertFalse(choose(cmp(Comparison.Op.EQ, col(0), lit(3_000_000_000L)), A).usesIndex());
        assertFalse(choose(cmp(Comparison.Op.LT, col(4), lit(70000)), N).usesIndex());
        assertEquals(KeyRange.equal((short) 7), choose(cmp(Comparison.Op.EQ, col(4), lit(7)), N).range());
        // constant expressions are evaluated; failing ones and NULL are not used
        BoundExpr sum = new Arithmetic(Arithmetic.Op.ADD, lit(2), lit(3), DataType.INTEGER);
        assertEquals(KeyRange.equal(5), choose(cmp(Comparison.Op.EQ, col(0), sum), A).range());
        BoundExpr div0 = new Arithmetic(Arithmetic.Op.DIVIDE, lit(2), lit(0), DataType.INTEGER);
        assertFalse(choose(cmp(Comparison.Op.EQ, col(0), div0), A).usesIndex());
        assertFalse(choose(cmp(Comparison.Op.EQ, col(0), new Literal(DataType.INTEGER, null, 0)), A).usesIndex());
        // a column under a widening cast still is the key column
        BoundExpr widened = new CastExpr(col(0), DataType.BIGINT, false);
        assertEquals(KeyRange.equal(9), choose(cmp(Comparison.Op.EQ, widened, lit(9L)), A).range());
        assertFalse(choose(cmp(Comparison.Op.EQ, new CastExpr(col(1), DataType.INTEGER, true), lit(9)), B_UNIQUE)
                .usesIndex());
    }

    @Test
    void booleanColumnsAloneOrNegatedAreEqualities() {
        assertEquals(KeyRange.equal(true), choose(col(3), F).range());
        assertEquals(KeyRange.equal(false), choose(new Logic.Not(col(3)), F).range());
    }

    @Test
    void stringsGiveRangesWhateverTheirCharacters() {
        assertEquals(range(List.of("m"), false, List.of(), true), choose(cmp(Comparison.Op.GT, col(2), lit("m")), S).range());
        // index keys order by code point, as the bounds compare, beyond U+FFFF too
        assertEquals(range(List.of("\uFFFF"), false, List.of("\uD83D\uDE00"), true),
                choose(and(cmp(Comparison.Op.GT, col(2), lit("\uFFFF")), cmp(Comparison.Op.LE, col(2), lit("\uD83D\uDE00"))),
                        S).range());
        // of two upper bounds the lower one in code point order, not in UTF-16 order
        assertEquals(range(List.of(), true, List.of("\uFFFD"), false),
                choose(and(cmp(Comparison.Op.LT, col(2), lit("\uD83D\uDE00")), cmp(Comparison.Op.LT, col(2), lit("\uFFFD"))),
                        S).range());
        assertEquals(KeyRange.equal("\uD83D\uDE00"), choose(cmp(Comparison.Op.EQ, col(2), lit("\uD83D\uDE00")), S).range());
    }

    @Test
    void orderByLeadingKeyColumnsNeedsNoSort() {
        List<IndexSelection.OrderColumn> desc = List.of(new IndexSelection.OrderColumn(0, true));
        AccessPath p = IndexSelection.choose(TABLE, List.of(A), null, desc);
        assertTrue(p.ordered());
        assertTrue(p.descending());
        assertEquals(KeyRange.ALL, p.range());
        assertEquals("Index Scan Backward using t_a_idx on t", p.describe());
        // WHERE a = 1 ORDER BY b: the (a, b) index, both for the condition and the order
        List<IndexSelection.OrderColumn> byB = List.of(new IndexSelection.OrderColumn(1, false));
        p = IndexSelection.choose(TABLE, List.of(A, AB), cmp(Comparison.Op.EQ, col(0), lit(1)), byB);
        assertEquals("t_a_b_idx", p.index().definition().name());
        assertTrue(p.ordered());
        assertFalse(p.descending());
        // the condition's index wins even if it cannot give the order
        p = IndexSelection.choose(TABLE, List.of(A, B_UNIQUE), cmp(Comparison.Op.GT, col(1), lit(1L)),
                List.of(new IndexSelection.OrderColumn(0, false)));
        assertEquals("t_b_key", p.index().definition().name());
        assertFalse(p.ordered());
        // mixed directions or a column outside the key: sorted by the caller
        List<IndexSelection.OrderColumn> mixed = new ArrayList<>(List.of(new IndexSelection.OrderColumn(0, false),
                new IndexSelection.OrderColumn(1, true)));
        assertFalse(IndexSelection.choose(TABLE, List.of(AB), null, mixed).ordered());
        assertFalse(IndexSelection.choose(TABLE, List.of(A), null, byB).usesIndex());
        // a text column gives its order too, ranged or not
        p = IndexSelection.choose(TABLE, List.of(S), null, List.of(new IndexSelection.OrderColumn(2, true)));
        assertEquals("t_s_idx", p.index().definition().name());
        assertTrue(p.ordered());
        assertTrue(p.descending());
        p = IndexSelection.choose(TABLE, List.of(A, S), cmp(Comparison.Op.GE, col(2), lit("\uE000")),
                List.of(new IndexSelection.OrderColumn(2, false)));
        assertEquals(range(List.of("\uE000"), true, List.of(), true), p.range());
        assertTrue(p.ordered());
        assertFalse(p.descending());
        assertNull(IndexSelection.choose(TABLE, List.of(), null, desc).index());
    }

    @Test
    void inListReadsOnePointRangePerDistinctValueInKeyOrder() {
        BoundExpr in = new org.rustydb.execution.internal.expr.InList(col(1),
                List.of(lit(9L), lit(3L), lit(null), lit(9L), lit(5L)), false);
        AccessPath p = choose(and(cmp(Comparison.Op.EQ, col(0), lit(1)), in), AB, A);
        assertEquals(AB, p.index());
        assertEquals(List.of(new KeyRange(List.of(1, 3L), true, List.of(1, 3L), true),
                new KeyRange(List.of(1, 5L), true, List.of(1, 5L), true),
                new KeyRange(List.of(1, 9L), true, List.of(1, 9L), true)), p.ranges());
        assertEquals(new KeyRange(List.of(1, 3L), true, List.of(1, 9L), true), p.range());
        assertEquals(List.of(cmp(Comparison.Op.EQ, col(0), lit(1)), in).size(),
                IndexSelection.indexTerms(p, and(cmp(Comparison.Op.EQ, col(0), lit(1)), in)).size());
        // NOT IN, or an item that is not a constant, narrows nothing
        assertFalse(choose(new org.rustydb.execution.internal.expr.InList(col(1), List.of(lit(1L)), true), B_UNIQUE)
                .usesIndex());
        assertFalse(choose(new org.rustydb.execution.internal.expr.InList(col(1), List.of(lit(1L), col(0)), false),
                B_UNIQUE).usesIndex());
    }
}
