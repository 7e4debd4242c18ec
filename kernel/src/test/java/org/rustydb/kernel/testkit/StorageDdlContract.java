package org.rustydb.kernel.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.SequenceHandle;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.TableStatistics;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.storage.ViewDefinition;
import org.rustydb.spi.txn.Transaction;

/**
 * Column defaults and identity kept with the definition, {@link StorageEngine#alterTable} and
 * sequences and views. A durable engine also shows that they survive a crash ({@link #restart}).
 */
public abstract class StorageDdlContract extends StorageContractBase {
    protected static final ColumnDefinition ID = new ColumnDefinition("id", SqlType.INTEGER, -1, true,
            null, ColumnDefinition.Identity.ALWAYS);
    protected static final ColumnDefinition NAME = new ColumnDefinition("name", SqlType.TEXT, -1, false,
            "'anon'::text", ColumnDefinition.Identity.NONE);
    protected static final ColumnDefinition SCORE = new ColumnDefinition("score", SqlType.BIGINT, -1, false);

    /**
     * Stops the engine as a crash would (or cleanly) and opens it again on the same data, or
     * returns null for an engine that keeps nothing.
     */
    protected abstract StorageEngine restart(boolean crash);

    protected static TableDefinition people() {
        return new TableDefinition("public", "people", List.of(ID, NAME, SCORE),
                List.of(new UniqueKey("people_pkey", List.of(0), true)));
    }

    private TableHandle find(Transaction txn, String name) {
        return engine.findTable(txn, "public", name).orElseThrow();
    }

    private TableHandle createPeople() {
        Transaction txn = begin();
        TableHandle table = engine.createTable(txn, people());
        for (int i = 1; i <= 3; i++) {
            engine.insert(txn, table, new Object[] {i, "p" + i, i * 10L});
        }
        engine.createIndex(txn, table, new IndexDefinition("people_score", List.of(2), false));
        txn.commit();
        return table;
    }

    private List<List<Object>> rows(String table) {
        Transaction txn = begin();
        List<List<Object>> out = new ArrayList<>();
        try (RowCursor cursor = engine.scan(txn, find(txn, table))) {
            while (cursor.next()) {
                out.add(Arrays.asList(cursor.row().clone()));
            }
        }
        txn.commit();
        out.sort(Comparator.comparing(r -> String.valueOf(r.get(0))));
        return out;
    }

    private TableDefinition definition(String table) {
        Transaction txn = begin();
        TableDefinition d = find(txn, table).definition();
        txn.commit();
        return d;
    }

    private static DbException fails(String state, Runnable action) {
        DbException e = assertThrows(DbException.class, action::run);
        assertEquals(state, e.sqlState(), e.getMessage());
        return e;
    }

    @Test
    void defaultsAndIdentityAreKeptWithTheDefinition() {
        createPeople();
        assertEquals(people(), definition("people"));
    }

    @Test
    void addColumnReadsOldRowsAsNullAndRollbackUndoesIt() {
        createPeople();
        TableDefinition before = people();
        List<ColumnDefinition> columns = new ArrayList<>(before.columns());
        columns.add(new ColumnDefinition("extra", SqlType.TEXT, -1, false, "'x'", ColumnDefinition.Identity.NONE));
        TableDefinition added = new TableDefinition("public", "people", columns, before.uniqueKeys());

        Transaction undone = begin();
        engine.alterTable(undone, find(undone, "people"), added, List.of(0, 1, 2, -1));
        undone.rollback();
        assertEquals(before, definition("people"));
        assertEquals(List.of(1, "p1", 10L), rows("people").get(0));

        Transaction txn = begin();
        engine.alterTable(txn, find(txn, "people"), added, List.of(0, 1, 2, -1));
        engine.insert(txn, find(txn, "people"), new Object[] {4, "p4", 40L, "four"});
        txn.commit();
        assertEquals(added, definition("people"));
        assertEquals(Arrays.asList(1, "p1", 10L, null), rows("people").get(0));
        assertEquals(List.of(4, "p4", 40L, "four"), rows("people").get(3));
    }

    @Test
    void dropColumnKeepsTheOtherValuesAndIndexesFollowTheirColumns() {
        createPeople();
        TableDefinition dropped = new TableDefinition("public", "people", List.of(ID, SCORE),
                List.of(new UniqueKey("people_pkey", List.of(0), true)));
        Transaction txn = begin();
        engine.alterTable(txn, find(txn, "people"), dropped, List.of(0, 2));
        TableHandle table = find(txn, "people");
        engine.insert(txn, table, new Object[] {4, 40L});
        fails(SqlState.UNIQUE_VIOLATION, () -> engine.insert(txn, find(txn, "people"), new Object[] {4, 41L}));
        txn.commit();
        assertEquals(List.of(List.of(1, 10L), List.of(2, 20L), List.of(3, 30L), List.of(4, 40L)), rows("people"));
        Transaction read = begin();
        IndexHandle index = engine.findIndex(read, "public", "people_score").orElseThrow();
        assertEquals(List.of(1), index.definition().columns());
        try (RowCursor cursor = engine.scanIndex(read, index, KeyRange.ALL, true)) {
            assertTrue(cursor.next());
            assertArrayEquals(new Object[] {4, 40L}, cursor.row());
        }
        read.commit();
    }

    @Test
    void severalAltersInOneTransactionRollBackTogether() {
        createPeople();
        TableDefinition renamed = new TableDefinition("public", "persons", people().columns(), people().uniqueKeys());
        Transaction first = begin();
        engine.alterTable(first, find(first, "people"), renamed, List.of(0, 1, 2));
        first.commit();
        List<ColumnDefinition> columns = new ArrayList<>(people().columns());
        columns.add(new ColumnDefinition("z", SqlType.INTEGER, -1, false));
        TableDefinition added = new TableDefinition("public", "persons", columns, people().uniqueKeys());
        TableDefinition moved = new TableDefinition("public", "folks", columns, people().uniqueKeys());
        Transaction txn = begin();
        engine.alterTable(txn, find(txn, "persons"), added, List.of(0, 1, 2, -1));
        engine.alterTable(txn, find(txn, "persons"), moved, List.of(0, 1, 2, 3));
        txn.rollback();
        assertEquals(renamed, definition("persons"));
        assertEquals(List.of(List.of(1, "p1", 10L), List.of(2, "p2", 20L), List.of(3, "p3", 30L)), rows("persons"));
        Transaction read = begin();
        assertTrue(engine.findTable(read, "public", "folks").isEmpty());
        TableHandle persons = find(read, "persons");
        assertEquals(List.of("people_pkey", "people_score"),
                engine.indexes(read, persons).stream().map(i -> i.definition().name()).toList());
        try (RowCursor cursor = engine.scanIndex(read, engine.indexes(read, persons).get(0), KeyRange.equal(2),
                false)) {
            assertTrue(cursor.next());
            assertEquals(List.of(2, "p2", 20L), Arrays.asList(cursor.row()));
        }
        read.commit();
    }

    @Test
    void aColumnAnIndexUsesCannotGo() {
        createPeople();
        TableDefinition dropped = new TableDefinition("public", "people", List.of(ID, NAME),
                List.of(new UniqueKey("people_pkey", List.of(0), true)));
        Transaction txn = begin();
        fails(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                () -> engine.alterTable(txn, find(txn, "people"), dropped, List.of(0, 1)));
        txn.rollback();
    }

    @Test
    void renameAndNotNull() {
        createPeople();
        TableDefinition renamed = new TableDefinition("public", "persons",
                List.of(ID, NAME.withName("label").withNotNull(true), SCORE), people().uniqueKeys());
        Transaction txn = begin();
        engine.alterTable(txn, find(txn, "people"), renamed, List.of(0, 1, 2));
        assertTrue(engine.findTable(txn, "public", "people").isEmpty());
        txn.rollback();
        assertEquals(people(), definition("people"));

        Transaction ok = begin();
        engine.alterTable(ok, find(ok, "people"), renamed, List.of(0, 1, 2));
        ok.commit();
        assertEquals(renamed, definition("persons"));
        Transaction read = begin();
        assertTrue(engine.findTable(read, "public", "people").isEmpty());
        read.commit();

        Transaction nulls = begin();
        engine.insert(nulls, find(nulls, "persons"), new Object[] {9, "x", null});
        TableDefinition notNull = new TableDefinition("public", "persons",
                List.of(ID, renamed.columns().get(1), SCORE.withNotNull(true)), people().uniqueKeys());
        fails(SqlState.NOT_NULL_VIOLATION,
                () -> engine.alterTable(nulls, find(nulls, "persons"), notNull, List.of(0, 1, 2)));
        nulls.rollback();
    }

    private SequenceHandle createSequence(SequenceDefinition definition) {
        Transaction txn = begin();
        SequenceHandle s = engine.createSequence(txn, definition);
        txn.commit();
        return s;
    }

    private long next(SequenceHandle s) {
        Transaction txn = begin();
        long v = engine.nextValue(txn, s);
        txn.commit();
        return v;
    }

    @Test
    void sequencesHandOutValuesThatRollbackDoesNotTakeBack() {
        SequenceHandle s = createSequence(new SequenceDefinition("public", "s", 1, 1, Long.MAX_VALUE, 1, false,
                null, null));
        assertEquals(1, next(s));
        Transaction undone = begin();
        assertEquals(2, engine.nextValue(undone, s));
        undone.rollback();
        assertEquals(3, next(s));
        Transaction set = begin();
        engine.setValue(set, s, 100, true);
        set.rollback();
        assertEquals(101, next(s));
        Transaction set2 = begin();
        engine.setValue(set2, s, 7, false);
        set2.commit();
        assertEquals(7, next(s));
        Transaction read = begin();
        assertEquals(List.of("s"), engine.listSequences(read).stream().map(q -> q.definition().name()).toList());
        read.commit();
    }

    @Test
    void sequenceBoundsCycleAndNames() {
        SequenceHandle down = createSequence(new SequenceDefinition("public", "down", -2, 1, 5, 5, false, null,
                null));
        assertEquals(5, next(down));
        assertEquals(3, next(down));
        assertEquals(1, next(down));
        fails(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED, () -> next(down));
        SequenceHandle round = createSequence(new SequenceDefinition("public", "round", 1, 1, 2, 1, true, null,
                null));
        assertEquals(List.of(1L, 2L, 1L), List.of(next(round), next(round), next(round)));
        createPeople();
        Transaction clash = begin();
        fails(SqlState.DUPLICATE_TABLE, () -> engine.createSequence(clash,
                new SequenceDefinition("public", "people", 1, 1, 9, 1, false, null, null)));
        clash.rollback();
    }

    @Test
    void createAndDropSequenceAreTransactional() {
        SequenceDefinition d = new SequenceDefinition("public", "t_id_seq", 1, 1, 100, 1, false, "t", "id");
        Transaction undone = begin();
        engine.createSequence(undone, d);
        undone.rollback();
        Transaction txn = begin();
        assertTrue(engine.findSequence(txn, "public", "t_id_seq").isEmpty());
        SequenceHandle s = engine.createSequence(txn, d);
        txn.commit();
        Transaction drop = begin();
        engine.dropSequence(drop, s);
        assertTrue(engine.findSequence(drop, "public", "t_id_seq").isEmpty());
        drop.rollback();
        Transaction read = begin();
        assertEquals(d, engine.findSequence(read, "public", "t_id_seq").orElseThrow().definition());
        engine.dropSequence(read, engine.findSequence(read, "public", "t_id_seq").orElseThrow());
        read.commit();
        Transaction gone = begin();
        assertTrue(engine.findSequence(gone, "public", "t_id_seq").isEmpty());
        gone.commit();
    }

    @Test
    void sequencesAndAlteredTablesSurviveACrash() {
        SequenceHandle s = createSequence(new SequenceDefinition("public", "s", 1, 1, Long.MAX_VALUE, 1, false,
                null, null));
        long last = 0;
        for (int i = 0; i < 40; i++) {
            last = next(s);
        }
        createPeople();
        List<ColumnDefinition> columns = new ArrayList<>(List.of(ID, SCORE));
        columns.add(new ColumnDefinition("extra", SqlType.INTEGER, -1, false, "7", ColumnDefinition.Identity.NONE));
        TableDefinition altered = new TableDefinition("public", "people", columns, people().uniqueKeys());
        Transaction txn = begin();
        engine.alterTable(txn, find(txn, "people"), altered, List.of(0, 2, -1));
        engine.insert(txn, find(txn, "people"), new Object[] {4, 40L, 5});
        txn.commit();
        List<List<Object>> before = rows("people");

        for (boolean crash : new boolean[] {true, false}) {
            engine = restart(crash);
            Assumptions.assumeTrue(engine != null, "the engine keeps nothing");
            assertEquals(altered, definition("people"));
            assertEquals(before, rows("people"));
            Transaction read = begin();
            SequenceHandle again = engine.findSequence(read, "public", "s").orElseThrow();
            read.commit();
            long value = next(again);
            assertTrue(value > last, value + " after " + last);
            last = value;
        }
    }

    private static TableDefinition withKeys(TableDefinition d, List<UniqueKey> keys) {
        return new TableDefinition(d.schema(), d.name(), d.columns(), keys, d.checks(), d.foreignKeys());
    }

    @Test
    void uniqueKeysComeAndGoWithAlterTableAndSurviveACrash() {
        createPeople();
        UniqueKey scoreKey = new UniqueKey("people_score_key", List.of(2), false);
        TableDefinition keyed = withKeys(people(), List.of(people().uniqueKeys().get(0), scoreKey));
        Transaction dup = begin();
        engine.insert(dup, find(dup, "people"), new Object[] {4, "p4", 30L});
        DbException e = fails(SqlState.UNIQUE_VIOLATION,
                () -> engine.alterTable(dup, find(dup, "people"), keyed, List.of(0, 1, 2)));
        assertEquals("could not create unique index \"people_score_key\"", e.getMessage());
        dup.rollback();
        assertEquals(people(), definition("people"));

        Transaction undone = begin();
        engine.alterTable(undone, find(undone, "people"), keyed, List.of(0, 1, 2));
        fails(SqlState.UNIQUE_VIOLATION, () -> engine.insert(undone, find(undone, "people"), new Object[] {4, "x", 10L}));
        undone.rollback();
        Transaction free = begin();
        engine.insert(free, find(free, "people"), new Object[] {4, "p4", 10L});
        free.rollback();

        Transaction txn = begin();
        engine.alterTable(txn, find(txn, "people"), keyed, List.of(0, 1, 2));
        txn.commit();
        assertEquals(keyed, definition("people"));

        // dropping the primary key, undone by a rollback
        Transaction drop = begin();
        engine.alterTable(drop, find(drop, "people"), withKeys(people(), List.of(scoreKey)), List.of(0, 1, 2));
        engine.insert(drop, find(drop, "people"), new Object[] {1, "again", 99L});
        drop.rollback();

        for (boolean crash : new boolean[] {true, false}) {
            StorageEngine again = restart(crash);
            if (again == null) {
                break;
            }
            engine = again;
            assertEquals(keyed, definition("people"));
            Transaction check = begin();
            TableHandle table = find(check, "people");
            assertEquals(List.of("people_pkey", "people_score_key", "people_score"),
                    engine.indexes(check, table).stream().map(i -> i.definition().name()).toList());
            fails(SqlState.UNIQUE_VIOLATION, () -> engine.insert(check, table, new Object[] {5, "p5", 20L}));
            check.rollback();
        }

        Transaction dropKey = begin();
        engine.alterTable(dropKey, find(dropKey, "people"), people(), List.of(0, 1, 2));
        dropKey.commit();
        StorageEngine again = restart(true);
        if (again != null) {
            engine = again;
        }
        assertEquals(people(), definition("people"));
        Transaction insert = begin();
        engine.insert(insert, find(insert, "people"), new Object[] {5, "p5", 20L});
        insert.commit();
        assertEquals(4, rows("people").size());
    }

    @Test
    void anAlterTableSinceASavepointIsUndoneByRollingBackToIt() {
        createPeople();
        List<ColumnDefinition> columns = new ArrayList<>(people().columns());
        columns.add(new ColumnDefinition("extra", SqlType.TEXT, -1, false));
        TableDefinition added = new TableDefinition("public", "people", columns, people().uniqueKeys());
        UniqueKey nameKey = new UniqueKey("people_name_key", List.of(1), false);
        TableDefinition renamedAndRekeyed = new TableDefinition("public", "persons", columns, List.of(nameKey));

        Transaction txn = begin();
        txn.savepoint("first");
        engine.alterTable(txn, find(txn, "people"), added, List.of(0, 1, 2, -1));
        txn.rollbackToSavepoint("first");
        assertEquals(people(), find(txn, "people").definition());
        engine.alterTable(txn, find(txn, "people"), added, List.of(0, 1, 2, -1));
        txn.savepoint("second");
        engine.alterTable(txn, find(txn, "people"), renamedAndRekeyed, List.of(0, 1, 2, 3));
        assertTrue(engine.findTable(txn, "public", "people").isEmpty());
        engine.insert(txn, find(txn, "persons"), new Object[] {1, "again", 5L, null});
        txn.rollbackToSavepoint("second");
        assertTrue(engine.findTable(txn, "public", "persons").isEmpty());
        TableHandle table = find(txn, "people");
        assertEquals(added, table.definition());
        assertEquals(List.of("people_pkey", "people_score"),
                engine.indexes(txn, table).stream().map(i -> i.definition().name()).toList());
        fails(SqlState.UNIQUE_VIOLATION, () -> engine.insert(txn, table, new Object[] {2, "dup", 1L, null}));
        txn.rollbackToSavepoint("second");
        engine.insert(txn, table, new Object[] {4, "p4", 40L, "four"});
        txn.commit();
        assertEquals(added, definition("people"));

        for (boolean crash : new boolean[] {true, false}) {
            StorageEngine again = restart(crash);
            if (again == null) {
                break;
            }
            engine = again;
            assertEquals(added, definition("people"));
        }
        assertEquals(4, rows("people").size());
        Transaction check = begin();
        fails(SqlState.UNIQUE_VIOLATION, () -> engine.insert(check, find(check, "people"),
                new Object[] {1, "dup", 1L, null}));
        engine.insert(check, find(check, "people"), new Object[] {5, "p4", 50L, null}); // no key on name
        check.commit();
    }

    @Test
    void convertColumnsRewritesEveryRowAtomicallyAndSurvivesACrash() {
        createPeople();
        TableDefinition converted = new TableDefinition("public", "people",
                List.of(ID, new ColumnDefinition("name", SqlType.INTEGER, -1, false), SCORE), people().uniqueKeys());
        UnaryOperator<Object[]> conversion = row -> new Object[] {row[0],
                Integer.parseInt(((String) row[1]).substring(1)) * 100, row[2]};
        List<List<Object>> original = rows("people");

        Transaction bad = begin();
        fails(SqlState.INVALID_TEXT_REPRESENTATION, () -> engine.convertColumns(bad, find(bad, "people"), converted,
                Set.of(1), row -> {
                    if (row[0].equals(3)) {
                        throw DbException.of(SqlState.INVALID_TEXT_REPRESENTATION, "bad value");
                    }
                    return conversion.apply(row);
                }));
        bad.rollback();
        TableDefinition notNull = new TableDefinition("public", "people",
                List.of(ID, converted.columns().get(1).withNotNull(true), SCORE), people().uniqueKeys());
        Transaction nulls = begin();
        fails(SqlState.NOT_NULL_VIOLATION, () -> engine.convertColumns(nulls, find(nulls, "people"), notNull,
                Set.of(1), row -> new Object[] {row[0], null, row[2]}));
        nulls.rollback();
        TableDefinition scoreAsInt = new TableDefinition("public", "people",
                List.of(ID, NAME, new ColumnDefinition("score", SqlType.INTEGER, -1, false)), people().uniqueKeys());
        Transaction indexed = begin();
        fails(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, () -> engine.convertColumns(indexed, find(indexed, "people"),
                scoreAsInt, Set.of(2), row -> new Object[] {row[0], row[1], ((Long) row[2]).intValue()}));
        indexed.rollback();
        assertEquals(people(), definition("people"));
        assertEquals(original, rows("people"));

        Transaction undone = begin();
        engine.convertColumns(undone, find(undone, "people"), converted, Set.of(1), conversion);
        assertEquals(converted, find(undone, "people").definition());
        undone.rollback();
        assertEquals(people(), definition("people"));
        assertEquals(original, rows("people"));

        Transaction analyze = begin();
        TableStatistics.ColumnStatistics column = new TableStatistics.ColumnStatistics(0, 3, List.of(), new double[0],
                List.of());
        engine.saveStatistics(analyze, find(analyze, "people"), new TableStatistics(3,
                List.of(column, column, column)));
        analyze.commit();
        Transaction txn = begin();
        engine.convertColumns(txn, find(txn, "people"), converted, Set.of(1), conversion);
        engine.insert(txn, find(txn, "people"), new Object[] {4, 400, 40L});
        txn.commit();
        Transaction stats = begin();
        List<TableStatistics.ColumnStatistics> kept = engine.statistics(find(stats, "people")).orElseThrow().columns();
        stats.commit();
        assertEquals(3, kept.size());
        assertTrue(kept.get(0) != null && kept.get(1) == null && kept.get(2) != null, "the converted column's go");
        List<List<Object>> expected = List.of(List.of(1, 100, 10L), List.of(2, 200, 20L), List.of(3, 300, 30L),
                List.of(4, 400, 40L));
        for (boolean crash : new boolean[] {false, true, false}) {
            assertEquals(converted, definition("people"));
            assertEquals(expected, rows("people"));
            Transaction check = begin();
            TableHandle table = find(check, "people");
            IndexHandle score = engine.findIndex(check, "public", "people_score").orElseThrow();
            try (RowCursor cursor = engine.scanIndex(check, score, KeyRange.equal(20L), false)) {
                assertTrue(cursor.next());
                assertEquals(List.of(2, 200, 20L), Arrays.asList(cursor.row()));
                assertFalse(cursor.next());
            }
            fails(SqlState.UNIQUE_VIOLATION, () -> engine.insert(check, table, new Object[] {1, 5, 1L}));
            check.rollback();
            StorageEngine again = restart(crash);
            if (again == null) {
                break;
            }
            engine = again;
        }
    }

    protected static ViewDefinition view(String name) {
        return new ViewDefinition("public", name, "SELECT id, name FROM people WHERE score > 10",
                List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, false),
                        new ColumnDefinition("name", SqlType.VARCHAR, 12, false)),
                List.of(new ViewDefinition.Reference("public", "people")));
    }

    @Test
    void createAndDropViewAreTransactional() {
        createPeople();
        Transaction undone = begin();
        engine.createView(undone, view("v"));
        assertEquals(view("v"), engine.findView(undone, "public", "v").orElseThrow().definition());
        undone.rollback();
        Transaction txn = begin();
        assertTrue(engine.findView(txn, "public", "v").isEmpty());
        engine.createView(txn, view("v"));
        engine.createView(txn, view("w"));
        DbException clash = assertThrows(DbException.class, () -> engine.createView(txn, view("people")));
        assertEquals(SqlState.DUPLICATE_TABLE, clash.sqlState());
        txn.commit();
        Transaction other = begin();
        DbException taken = assertThrows(DbException.class, () -> engine.createTable(other,
                new TableDefinition("public", "v", List.of(SCORE), List.of())));
        assertEquals(SqlState.DUPLICATE_TABLE, taken.sqlState());
        other.rollback();
        Transaction drop = begin();
        engine.dropView(drop, engine.findView(drop, "public", "v").orElseThrow());
        assertTrue(engine.findView(drop, "public", "v").isEmpty());
        drop.rollback();
        Transaction replace = begin();
        // OR REPLACE: drop and create under the same name in one transaction
        engine.dropView(replace, engine.findView(replace, "public", "v").orElseThrow());
        ViewDefinition wider = new ViewDefinition("public", "v", "SELECT id, name, score FROM people",
                List.of(view("v").columns().get(0), view("v").columns().get(1), SCORE.withNotNull(false)),
                view("v").references());
        engine.createView(replace, wider);
        replace.commit();
        Transaction read = begin();
        assertEquals(wider, engine.findView(read, "public", "v").orElseThrow().definition());
        assertEquals(List.of("v", "w"), engine.listViews(read).stream().map(h -> h.definition().name()).toList());
        read.commit();
    }

    @Test
    void viewsSurviveACrash() {
        createPeople();
        Transaction txn = begin();
        engine.createView(txn, view("kept"));
        engine.createView(txn, view("dropped"));
        txn.commit();
        Transaction drop = begin();
        engine.dropView(drop, engine.findView(drop, "public", "dropped").orElseThrow());
        drop.commit();
        Transaction uncommitted = begin();
        engine.createView(uncommitted, view("never"));
        for (boolean crash : new boolean[] {true, false}) {
            engine = restart(crash);
            Assumptions.assumeTrue(engine != null, "the engine keeps nothing");
            Transaction read = begin();
            assertEquals(view("kept"), engine.findView(read, "public", "kept").orElseThrow().definition());
            assertTrue(engine.findView(read, "public", "dropped").isEmpty());
            assertTrue(engine.findView(read, "public", "never").isEmpty());
            assertEquals(1, engine.listViews(read).size());
            read.commit();
        }
    }

    private static TableDefinition tableIn(String schema, String name) {
        return new TableDefinition(schema, name, List.of(SCORE), List.of(new UniqueKey(name + "_pkey", List.of(0), true)));
    }

    private static void assertState(String sqlState, Runnable action) {
        assertEquals(sqlState, assertThrows(DbException.class, action::run).sqlState());
    }

    @Test
    void schemasAreCreatedAndDroppedTransactionally() {
        Transaction txn = begin();
        assertEquals(List.of("public"), engine.listSchemas(txn));
        assertTrue(engine.schemaExists(txn, "public"));
        engine.createSchema(txn, "s1");
        assertTrue(engine.schemaExists(txn, "s1"));
        txn.rollback();
        Transaction second = begin();
        assertFalse(engine.schemaExists(second, "s1"));
        engine.createSchema(second, "s1");
        assertState(SqlState.DUPLICATE_SCHEMA, () -> engine.createSchema(second, "s1"));
        second.commit();
        Transaction drop = begin();
        engine.dropSchema(drop, "s1");
        assertFalse(engine.schemaExists(drop, "s1"));
        engine.createSchema(drop, "s1");
        engine.dropSchema(drop, "s1");
        assertState(SqlState.INVALID_SCHEMA_NAME, () -> engine.dropSchema(drop, "s1"));
        drop.rollback();
        Transaction read = begin();
        assertEquals(List.of("public", "s1"), engine.listSchemas(read));
        engine.dropSchema(read, "public");
        engine.createSchema(read, "public");
        read.commit();
        Transaction last = begin();
        assertEquals(List.of("public", "s1"), engine.listSchemas(last));
        last.commit();
    }

    @Test
    void aSchemaHoldingRelationsIsNeitherDroppedNorRenamed() {
        Transaction txn = begin();
        engine.createSchema(txn, "s");
        TableHandle table = engine.createTable(txn, tableIn("s", "t"));
        engine.createIndex(txn, table, new IndexDefinition("t_score", List.of(0), false));
        assertState(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, () -> engine.dropSchema(txn, "s"));
        assertState(SqlState.FEATURE_NOT_SUPPORTED, () -> engine.renameSchema(txn, "s", "r"));
        assertState(SqlState.DUPLICATE_SCHEMA, () -> engine.renameSchema(txn, "s", "public"));
        assertState(SqlState.INVALID_SCHEMA_NAME, () -> engine.renameSchema(txn, "nope", "r"));
        txn.commit();
        Transaction drop = begin();
        engine.dropTable(drop, engine.findTable(drop, "s", "t").orElseThrow());
        engine.renameSchema(drop, "s", "r");
        assertFalse(engine.schemaExists(drop, "s"));
        assertTrue(engine.schemaExists(drop, "r"));
        engine.dropSchema(drop, "r");
        drop.commit();
        Transaction read = begin();
        assertEquals(List.of("public"), engine.listSchemas(read));
        read.commit();
    }

    @Test
    void noRelationIsCreatedInASchemaAnotherTransactionDrops() {
        Transaction txn = begin();
        engine.createSchema(txn, "s");
        txn.commit();
        Transaction drop = begin();
        engine.dropSchema(drop, "s");
        Transaction other = begin();
        assertState(SqlState.LOCK_NOT_AVAILABLE, () -> engine.createTable(other, tableIn("s", "t")));
        other.rollback();
        drop.rollback();
        Transaction retry = begin();
        engine.createTable(retry, tableIn("s", "t"));
        retry.commit();
    }

    @Test
    void schemasSurviveACrash() {
        Transaction txn = begin();
        engine.createSchema(txn, "kept");
        engine.createSchema(txn, "dropped");
        engine.createSchema(txn, "old");
        engine.createTable(txn, tableIn("kept", "t"));
        txn.commit();
        Transaction drop = begin();
        engine.dropSchema(drop, "dropped");
        engine.dropSchema(drop, "public");
        engine.renameSchema(drop, "old", "renamed");
        drop.commit();
        Transaction uncommitted = begin();
        engine.createSchema(uncommitted, "never");
        for (boolean crash : new boolean[] {true, false}) {
            engine = restart(crash);
            Assumptions.assumeTrue(engine != null, "the engine keeps nothing");
            Transaction read = begin();
            assertEquals(List.of("kept", "renamed"), engine.listSchemas(read));
            assertTrue(engine.findTable(read, "kept", "t").isPresent());
            read.commit();
        }
    }
}
