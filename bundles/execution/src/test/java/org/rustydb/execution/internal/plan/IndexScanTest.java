package org.rustydb.execution.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.Session;
import org.rustydb.execution.slt.TestDatabase;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.storage.memory.internal.MemoryStorageEngine;

/**
 * SELECT, UPDATE and DELETE read through an index when their WHERE (or ORDER BY) allows it: a
 * recording storage engine shows which scan ran, with which range, and how many rows it fetched.
 */
class IndexScanTest {
    private static final int ROWS = 1000;

    private final RecordingStorage storage = new RecordingStorage(new MemoryStorageEngine());
    private final TestDatabase db = new TestDatabase(storage);
    private final Session session = db.open();

    @BeforeEach
    void fill() {
        run("create table t (id int primary key, a int, b bigint, s text, n smallint)");
        StringBuilder insert = new StringBuilder("insert into t values ");
        for (int i = 0; i < ROWS; i++) {
            insert.append(i == 0 ? "" : ", ").append(String.format("(%d, %d, %d, 's%04d', %d)", i, i % 100, i % 7,
                    i, i % 10));
        }
        // a few NULL keys, which no comparison selects
        insert.append(", (1000, null, null, null, null), (1001, null, 3, null, null)");
        run(insert.toString());
        storage.takeReads();
    }

    @AfterEach
    void close() {
        session.close();
    }

    private List<TestDatabase.Outcome> run(String sql) {
        return TestDatabase.run(session, sql);
    }

    private List<String> column(String sql) {
        List<String> values = new ArrayList<>();
        for (Object[] row : run(sql).get(0).rows()) {
            values.add(String.valueOf(row[0]));
        }
        return values;
    }

    /** The one read the last statement made. */
    private RecordingStorage.Read onlyRead() {
        List<RecordingStorage.Read> reads = storage.takeReads();
        assertEquals(1, reads.size(), reads.toString());
        return reads.get(0);
    }

    @Test
    void withoutAnIndexEveryRowIsRead() {
        assertEquals(10, column("select id from t where a = 42").size());
        RecordingStorage.Read read = onlyRead();
        assertNull(read.index());
        assertEquals(ROWS + 2, read.rows());
    }

    @Test
    void anEqualityReadsOnlyTheMatchingRows() {
        run("create index on t (a)");
        storage.takeReads();
        List<String> ids = column("select id from t where a = 42 order by id");
        assertEquals(List.of("42", "142", "242", "342", "442", "542", "642", "742", "842", "942"), ids);
        RecordingStorage.Read read = onlyRead();
        assertEquals("t_a_idx", read.index());
        assertEquals(KeyRange.equal(42), read.range());
        assertEquals(10, read.rows());
    }

    @Test
    void thePrimaryKeyIsAnIndexToo() {
        assertEquals(List.of("s0500"), column("select s from t where id = 500"));
        RecordingStorage.Read read = onlyRead();
        assertEquals("t_pkey", read.index());
        assertEquals(1, read.rows());
        // BETWEEN on the key, constants converted to its type
        assertEquals(List.of("11", "12", "13"), column("select id from t where id between 11 and 13 order by id"));
        read = onlyRead();
        assertEquals(new KeyRange(List.of(11), true, List.of(13), true), read.range());
        assertEquals(3, read.rows());
    }

    @Test
    void aPrefixEqualityAndARangeOnTheNextColumn() {
        run("create index ab on t (a, b)");
        storage.takeReads();
        assertEquals(List.of("10", "110", "410", "510", "710"),
                column("select id from t where a = 10 and b >= 3 and id < 800 order by id"));
        RecordingStorage.Read read = onlyRead();
        assertEquals("ab", read.index());
        assertEquals(new KeyRange(List.of(10), true, List.of(10), true).upper(), read.range().upper());
        assertEquals(List.of(10, 3L), read.range().lower());
        assertEquals(6, read.rows(), read.toString());
    }

    @Test
    void constantsThatDoNotFitTheColumnTypeDoNotUseTheIndex() {
        run("create index on t (n)");
        storage.takeReads();
        assertEquals(List.of(), column("select id from t where n = 70000"));
        assertNull(onlyRead().index());
        assertEquals(List.of("9", "19"), column("select id from t where n < 70000 and n > 8 order by id limit 2"));
        RecordingStorage.Read read = onlyRead();
        assertEquals("t_n_idx", read.index());
        assertEquals(new KeyRange(List.of((short) 8), false, List.of(), true), read.range());
        assertEquals(List.of(), column("select id from t where n = null"));
        assertNull(onlyRead().index());
    }

    @Test
    void orderByAnIndexedColumnWithLimitReadsOnlyWhatItReturns() {
        assertEquals(List.of("1001", "1000", "999"), column("select id from t order by id desc limit 3"));
        RecordingStorage.Read read = onlyRead();
        assertEquals("t_pkey", read.index());
        assertTrue(read.descending());
        assertEquals(3, read.rows());
        run("create index on t (a)");
        storage.takeReads();
        // NULLs first descending, as PostgreSQL sorts them
        assertEquals(List.of("null", "null", "99", "99"), column("select a from t order by a desc limit 4"));
        assertEquals(4, onlyRead().rows());
        assertEquals(List.of("0", "0"), column("select a from t order by a limit 2"));
        assertEquals(2, onlyRead().rows());
        // NULLS FIRST ascending is not the index order: everything is read and sorted
        assertEquals(List.of("null", "null", "0"), column("select a from t order by a nulls first limit 3"));
        assertEquals(ROWS + 2, onlyRead().rows());
    }

    @Test
    void textOrdersByCodePointThroughTheIndex() {
        // code point order (PostgreSQL's C collation); UTF-16 order would put the last three before U+E000
        List<String> ordered = List.of("", "a", "z", "\uD7FF", "\uE000", "\uFFFD", "\uD83D\uDE00", "\uD83D\uDE00a",
                "\uDBFF\uDFFF");
        run("create table u (id int primary key, s text)");
        StringBuilder insert = new StringBuilder("insert into u values ");
        int[] shuffled = {6, 2, 8, 0, 4, 7, 1, 5, 3};
        for (int i = 0; i < shuffled.length; i++) {
            insert.append(i == 0 ? "" : ", ").append("(").append(i).append(", '").append(ordered.get(shuffled[i]))
                    .append("')");
        }
        run(insert.toString());
        run("create index on u (s)");
        storage.takeReads();
        assertEquals(ordered, column("select s from u order by s"));
        RecordingStorage.Read read = onlyRead();
        assertEquals("u_s_idx", read.index());
        assertEquals(KeyRange.ALL, read.range());
        // the LIMIT stops the scan: the index gave the order, nothing sorted it
        assertEquals(List.of("\uDBFF\uDFFF", "\uD83D\uDE00a", "\uD83D\uDE00"), column("select s from u order by s desc limit 3"));
        read = onlyRead();
        assertEquals("u_s_idx", read.index());
        assertTrue(read.descending());
        assertEquals(3, read.rows());
        // ranges bounded above the surrogates and beyond U+FFFF
        assertEquals(ordered.subList(6, 9), column("select s from u where s > '\uFFFD' order by s"));
        read = onlyRead();
        assertEquals(new KeyRange(List.of("\uFFFD"), false, List.of(), true), read.range());
        assertEquals(3, read.rows());
        assertEquals(ordered.subList(4, 7), column("select s from u where s >= '\uE000' and s <= '\uD83D\uDE00' order by s"));
        assertEquals(3, onlyRead().rows());
    }

    @Test
    void updateAndDeleteFindTheirRowsThroughTheIndex() {
        run("create index on t (a)");
        storage.takeReads();
        assertEquals("UPDATE 20", run("update t set s = 'changed' where a between 5 and 6").get(0).tag());
        RecordingStorage.Read read = onlyRead();
        assertEquals("t_a_idx", read.index());
        assertEquals(20, read.rows());
        // an update of the key itself moves rows within the index it read through
        assertEquals("UPDATE 10", run("update t set a = a + 1 where a = 6").get(0).tag());
        assertEquals(10, onlyRead().rows());
        assertEquals(20, column("select id from t where a = 7").size());
        storage.takeReads();
        assertEquals("DELETE 20", run("delete from t where a = 7").get(0).tag());
        assertEquals(20, onlyRead().rows());
        assertEquals(List.of(), column("select id from t where s = 'changed' and a = 7"));
        assertEquals(10, column("select id from t where s = 'changed'").size());
    }
}
