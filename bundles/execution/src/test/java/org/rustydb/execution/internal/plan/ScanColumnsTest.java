package org.rustydb.execution.internal.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.Session;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.execution.slt.TestDatabase;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.storage.memory.internal.MemoryStorageEngine;

/**
 * Scans ask the storage engine for the columns the plan above them reads, and for every column
 * where rows are changed, locked or compared whole; the recording engine hands out only the
 * columns asked for, so the results show that nothing needed was left out.
 */
class ScanColumnsTest {
    private final RecordingStorage storage = new RecordingStorage(new MemoryStorageEngine());
    private final TestDatabase db = new TestDatabase(storage);
    private final Session session = db.open();

    @BeforeEach
    void fill() {
        run("create table big (id int, k int, v int, pad text)");
        run("insert into big select i, i % 3, i * 10, 'row ' || i from generate_series(1, 9) as s(i)");
        run("create table b (id int primary key, w int, note text)");
        run("insert into b select i, i % 2, 'b' || i from generate_series(1, 5) as s(i)");
        storage.takeReads();
    }

    @AfterEach
    void close() {
        session.close();
    }

    private List<String> rows(String sql) {
        return TestDatabase.run(session, sql).get(0).rows().stream().map(Arrays::toString).toList();
    }

    private void run(String sql) {
        TestDatabase.run(session, sql);
    }

    /** The columns each read of the last statement asked for, in the order the reads were opened. */
    private List<int[]> columnsRead() {
        return storage.takeReads().stream().map(RecordingStorage.Read::columns).toList();
    }

    @Test
    void groupingReadsItsKeysAndArgumentsOnly() {
        assertEquals(List.of("[0, 3, 180]", "[1, 3, 120]", "[2, 3, 150]"),
                rows("select k, count(*), sum(v) from big group by k order by k"));
        assertArrayEquals(new int[] {1, 2}, columnsRead().get(0));
        run("analyze big");
        storage.takeReads();
        assertEquals(3, rows("select k, count(*), sum(v), avg(v) from big group by k").size());
        assertArrayEquals(new int[] {1, 2}, columnsRead().get(0));
    }

    @Test
    void filtersSortsAndWindowsAddWhatTheyRead() {
        assertEquals(List.of("[9]", "[8]"), rows("select id from big where v > 20 order by v desc limit 2"));
        assertArrayEquals(new int[] {0, 2}, columnsRead().get(0));
        assertEquals(List.of("[9, 3]"),
                rows("select count(*), max(r) from (select rank() over (partition by k order by v) as r from big) w"));
        assertArrayEquals(new int[] {1, 2}, columnsRead().get(0));
    }

    @Test
    void joinsReadKeysAndWhatIsAboveThem() {
        assertEquals(List.of("[5, 153]"), rows("select count(*), sum(big.v + b.w) from big join b on big.id = b.id"));
        // big reads id and v, b reads id and w, whichever side is opened first
        assertEquals(Set.of("[0, 2]", "[0, 1]"),
                columnsRead().stream().map(Arrays::toString).collect(Collectors.toSet()));
        assertEquals(List.of("[6]"), rows("select count(*) from big where exists (select 1 from b where b.id = big.k)"));
        assertEquals(2, columnsRead().size());
        // a semi-join's condition beyond its keys reads the inner side's other columns
        assertEquals(List.of("[3]"),
                rows("select count(*) from big where exists (select 1 from b where b.id = big.k and b.w = 1)"));
        assertEquals(List.of("[3]"),
                rows("select count(*) from big where exists (select 1 from b where b.id = big.k and b.w < big.k)"));
        assertEquals(List.of("[6]"),
                rows("select count(*) from big where not exists (select 1 from b where b.id = big.k and b.w < big.k)"));
    }

    @Test
    void wholeRowsWhereRowsAreComparedLockedOrChanged() {
        assertEquals(List.of("[9]"), rows("select count(*) from (select * from big union select * from big) u"));
        columnsRead().forEach(c -> assertNull(c, "set operations compare whole rows"));
        assertEquals(List.of("[1]"), rows("select id from big where id = 1 for update"));
        assertNull(columnsRead().get(0));
        run("update big set v = v + 1 where k = 0");
        run("delete from big where id = 9");
        columnsRead().forEach(c -> assertNull(c, "UPDATE and DELETE read whole rows"));
        assertEquals(List.of("[0, 2, 92]", "[1, 3, 120]"),
                rows("select k, count(*), sum(v) from big where id < 8 and k < 2 group by k order by k"));
    }

    @Test
    void subqueriesReadingTheOuterRowGetEveryColumn() {
        assertEquals(List.of("[1, b1]", "[2, b2]"),
                rows("select id, (select note from b where b.id = big.id) from big where id < 3 order by id"));
        assertNull(columnsRead().get(0));
    }

    @Test
    void aKeptPlanReadsTheSameColumnsAtEveryRun() {
        // the analysis is made once per kept plan and shared by its runs, reruns of an index join's inner side too
        for (int run = 0; run < 3; run++) {
            assertEquals(List.of("[9]", "[8]"), rows("select id from big where v > 20 order by v desc limit 2"));
            assertArrayEquals(new int[] {0, 2}, columnsRead().get(0));
            assertEquals(List.of("[1, 1]", "[2, 0]"),
                    rows("select big.id, b.w from big join b on b.id = big.id where big.id < 3 order by big.id"));
            assertEquals(Set.of("[0]", "[0, 1]"),
                    columnsRead().stream().map(Arrays::toString).collect(Collectors.toSet()));
        }
    }

    @Test
    void anAnalysisMadeForAPlanIsNotExtendedByNodesOutsideIt() {
        TableDefinition def = new TableDefinition("public", "t", List.of(
                new ColumnDefinition("a", SqlType.INTEGER, -1, false),
                new ColumnDefinition("b", SqlType.INTEGER, -1, false),
                new ColumnDefinition("c", SqlType.INTEGER, -1, false)), List.of());
        TableHandle table = () -> def;
        PlanNode.Scan inside = new PlanNode.Scan(table, "t", null, List.of(), null);
        PlanNode.Scan outside = new PlanNode.Scan(table, "t", null, List.of(), null);
        ScanColumns analysis = ScanColumns.of(new PlanNode.Project(inside, List.of(column(def, 2))));
        int[] columns = analysis.columnsOf(inside);
        assertArrayEquals(new int[] {2}, columns);
        analysis.cover(new PlanNode.Project(outside, List.of(column(def, 0))));
        assertNull(analysis.columnsOf(outside), "a scan the analysis did not see reads whole rows");
        assertNull(analysis.neededOf(outside));
        assertSame(columns, analysis.columnsOf(inside), "made once, handed out to every run");
    }

    private static ColumnRef column(TableDefinition def, int i) {
        ColumnDefinition c = def.columns().get(i);
        return new ColumnRef(i, new DataType(c.type(), -1), c.name());
    }
}
