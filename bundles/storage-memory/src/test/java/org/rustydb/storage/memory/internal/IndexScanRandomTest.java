package org.rustydb.storage.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * Random changes, commits and rollbacks, with index scans over random ranges compared to a model:
 * the rows in the range, sorted by key (NULLs last) then row id, or exactly reversed.
 */
class IndexScanRandomTest {
    private static final String[] TEXTS = {"", "a", "ab", "b", "B", "ü", "日本", "z z",
        "\uE000", "\uFFFD", "\uD83D\uDE00", "\uD83D\uDE00a", "\uDBFF\uDFFF"};
    private final MemoryStorageEngine engine = new MemoryStorageEngine();
    private final TransactionCoordinator transactions = new TransactionCoordinator();
    private Random random;
    private TableHandle table;
    private final List<IndexHandle> indexes = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void indexScansMatchTheModel(long seed) {
        random = new Random(seed);
        Transaction ddl = begin();
        table = engine.createTable(ddl, new TableDefinition("public", "t",
                List.of(new ColumnDefinition("id", SqlType.BIGINT, -1, true),
                        new ColumnDefinition("a", SqlType.SMALLINT, -1, false),
                        new ColumnDefinition("s", SqlType.TEXT, -1, false),
                        new ColumnDefinition("b", SqlType.BOOLEAN, -1, false)),
                List.of(new UniqueKey("t_pkey", List.of(0), true))));
        indexes.add(engine.indexes(ddl, table).get(0));
        ddl.commit();
        indexes.add(createIndex("t_a_s_key", true, 1, 2));
        Map<Long, Object[]> committed = new HashMap<>();
        for (int step = 0; step < 150; step++) {
            if (step == 30) {
                indexes.add(createIndex("t_a", false, 1));
                indexes.add(createIndex("t_s_a", false, 2, 1));
                indexes.add(createIndex("t_b_a_s", false, 3, 1, 2));
            }
            Map<Long, Object[]> working = new HashMap<>(committed);
            Transaction txn = begin();
            for (int op = random.nextInt(8); op >= 0; op--) {
                change(txn, working);
                if (random.nextInt(4) == 0) {
                    compareScans(txn, working);
                }
            }
            if (random.nextInt(4) == 0) {
                txn.rollback();
            } else {
                txn.commit();
                committed = working;
            }
            Transaction reader = begin();
            compareScans(reader, committed);
            reader.commit();
        }
    }

    private Transaction begin() {
        return transactions.begin(IsolationLevel.READ_COMMITTED, false);
    }

    private IndexHandle createIndex(String name, boolean unique, Integer... columns) {
        Transaction txn = begin();
        IndexHandle index = engine.createIndex(txn, table, new IndexDefinition(name, List.of(columns), unique));
        txn.commit();
        return index;
    }

    private Object[] randomRow(long id) {
        return new Object[] {id, random.nextInt(5) == 0 ? null : (short) (random.nextInt(12) - 3),
            random.nextInt(5) == 0 ? null : TEXTS[random.nextInt(TEXTS.length)],
            random.nextInt(4) == 0 ? null : random.nextBoolean()};
    }

    private void change(Transaction txn, Map<Long, Object[]> rows) {
        List<Long> ids = new ArrayList<>(rows.keySet());
        Collections.sort(ids);
        int choice = random.nextInt(10);
        if (choice < 5 || ids.isEmpty()) {
            Object[] row = randomRow(random.nextInt(1_000_000));
            try {
                RowId id = engine.insert(txn, table, row);
                rows.put(id.value(), row);
            } catch (DbException e) {
                assertEquals(SqlState.UNIQUE_VIOLATION, e.sqlState(), e.getMessage());
                assertEquals(true, clashes(rows, -1, row), "a unique violation without a clash");
            }
            return;
        }
        long id = ids.get(random.nextInt(ids.size()));
        if (choice < 8) {
            Object[] row = randomRow((Long) rows.get(id)[0]);
            try {
                engine.update(txn, table, new RowId(id), rows.get(id), row);
                rows.put(id, row);
            } catch (DbException e) {
                assertEquals(SqlState.UNIQUE_VIOLATION, e.sqlState(), e.getMessage());
                assertEquals(true, clashes(rows, id, row), "a unique violation without a clash");
            }
        } else {
            engine.delete(txn, table, new RowId(id), rows.get(id));
            rows.remove(id);
        }
    }

    /** True when another row has the same non-NULL key in a unique index. */
    private boolean clashes(Map<Long, Object[]> rows, long self, Object[] row) {
        for (IndexHandle index : indexes) {
            if (!index.definition().unique() || hasNull(row, index.definition().columns().size(), index)) {
                continue;
            }
            for (Map.Entry<Long, Object[]> other : rows.entrySet()) {
                if (other.getKey() != self && compareKeys(index, other.getValue(), row) == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private void compareScans(Transaction txn, Map<Long, Object[]> rows) {
        for (IndexHandle index : indexes) {
            for (int i = 0; i < 3; i++) {
                KeyRange range = randomRange(index);
                List<Long> expected = expected(index, rows, range);
                assertEquals(expected, scan(txn, index, range, false), index.definition().name() + " " + range);
                List<Long> reversed = new ArrayList<>(expected);
                Collections.reverse(reversed);
                assertEquals(reversed, scan(txn, index, range, true), index.definition().name() + " desc " + range);
            }
        }
    }

    private KeyRange randomRange(IndexHandle index) {
        if (random.nextInt(8) == 0) {
            return KeyRange.ALL;
        }
        int columns = index.definition().columns().size();
        Object[] template = randomRow(random.nextInt(1_000_000));
        List<Object> lower = bound(index, template, random.nextInt(columns + 1));
        Object[] other = random.nextBoolean() ? template : randomRow(random.nextInt(1_000_000));
        List<Object> upper = bound(index, other, random.nextInt(columns + 1));
        return new KeyRange(lower, random.nextBoolean(), upper, random.nextBoolean());
    }

    private List<Object> bound(IndexHandle index, Object[] row, int length) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            int column = index.definition().columns().get(i);
            Object value = row[column];
            if (value == null) {
                value = column == 0 ? (Object) (long) random.nextInt(1_000_000)
                        : column == 1 ? (Object) (short) 0 : column == 2 ? (Object) "a" : (Object) Boolean.TRUE;
            }
            values.add(value);
        }
        return values;
    }

    private List<Long> scan(Transaction txn, IndexHandle index, KeyRange range, boolean descending) {
        List<Long> out = new ArrayList<>();
        try (RowCursor cursor = engine.scanIndex(txn, index, range, descending)) {
            while (cursor.next()) {
                out.add(cursor.rowId().value());
            }
        }
        return out;
    }

    /** The model: the rows in the range, by key with NULLs last, then by row id. */
    private static List<Long> expected(IndexHandle index, Map<Long, Object[]> rows, KeyRange range) {
        int bounded = Math.max(range.lower().size(), range.upper().size());
        List<Long> ids = new ArrayList<>();
        for (Map.Entry<Long, Object[]> e : rows.entrySet()) {
            Object[] row = e.getValue();
            if (hasNull(row, bounded, index)) {
                continue;
            }
            int low = comparePrefix(index, row, range.lower());
            int high = comparePrefix(index, row, range.upper());
            boolean aboveLower = range.lower().isEmpty() || low > 0 || low == 0 && range.lowerInclusive();
            boolean belowUpper = range.upper().isEmpty() || high < 0 || high == 0 && range.upperInclusive();
            if (aboveLower && belowUpper) {
                ids.add(e.getKey());
            }
        }
        Comparator<Long> order = (x, y) -> compareKeys(index, rows.get(x), rows.get(y));
        ids.sort(order.thenComparing(Comparator.naturalOrder()));
        return ids;
    }

    private static boolean hasNull(Object[] row, int count, IndexHandle index) {
        for (int i = 0; i < count; i++) {
            if (row[index.definition().columns().get(i)] == null) {
                return true;
            }
        }
        return false;
    }

    private static int comparePrefix(IndexHandle index, Object[] row, List<Object> bound) {
        for (int i = 0; i < bound.size(); i++) {
            int c = compareValue(row[index.definition().columns().get(i)], bound.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareKeys(IndexHandle index, Object[] a, Object[] b) {
        for (int column : index.definition().columns()) {
            int c = compareValue(a[column], b[column]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareValue(Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? 1 : -1;
        }
        if (a instanceof Long x) {
            return Long.compare(x, (Long) b);
        }
        if (a instanceof Short x) {
            return Short.compare(x, (Short) b);
        }
        if (a instanceof Boolean x) {
            return Boolean.compare(x, (Boolean) b);
        }
        if (a instanceof String x) {
            // text orders as its UTF-8 bytes (PostgreSQL's C collation)
            return Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), ((String) b).getBytes(StandardCharsets.UTF_8));
        }
        fail("unexpected value " + a);
        return 0;
    }
}
