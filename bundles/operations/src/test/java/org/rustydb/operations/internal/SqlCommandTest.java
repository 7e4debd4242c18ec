package org.rustydb.operations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlType;
import org.rustydb.api.TransactionStatus;
import org.rustydb.operations.internal.FakeDatabase.FakeResult;

class SqlCommandTest {
    private final FakeDatabase database = new FakeDatabase();
    private final SqlCommand command = new SqlCommand(() -> database);

    private String run(String... arguments) {
        Output out = new Output();
        command.execute(List.of(arguments), out.stream);
        return out.text();
    }

    @Test
    void printsRowsAsPsqlDoes() {
        database.executor = (sql, sink) -> sink.accept(FakeResult.rows(
                List.of(new Column("id", SqlType.INTEGER), new Column("name", SqlType.TEXT),
                        new Column("ok", SqlType.BOOLEAN)),
                new Object[] {1, "alice", true},
                new Object[] {20, null, false}));
        assertEquals("""
                 id | name  | ok\s
                ----+-------+----
                  1 | alice | t
                 20 |       | f
                (2 rows)

                """, run("select * from t"));
        assertEquals(List.of("select * from t"), database.sessions.get(0).executed);
        assertEquals("rustydb", database.sessions.get(0).user);
        assertTrue(database.sessions.get(0).closed);
    }

    @Test
    void printsOneRowAndEmptyResults() {
        database.executor = (sql, sink) -> {
            sink.accept(FakeResult.rows(List.of(new Column("?column?", SqlType.INTEGER)), new Object[] {1}));
            sink.accept(FakeResult.rows(List.of(new Column("a", SqlType.TEXT))));
        };
        assertEquals("""
                 ?column?\s
                ----------
                        1
                (1 row)

                 a\s
                ---
                (0 rows)

                """, run("select 1; select a from t where false"));
    }

    @Test
    void printsCommandTagsAndJoinsUnquotedWords() {
        database.executor = (sql, sink) -> {
            sink.accept(FakeResult.command("CREATE TABLE"));
            sink.accept(FakeResult.command("INSERT 0 2"));
        };
        assertEquals("CREATE TABLE\nINSERT 0 2\n", run("create", "table", "t(a", "int);", "insert ..."));
        assertEquals(List.of("create table t(a int); insert ..."), database.sessions.get(0).executed);
    }

    @Test
    void keepsEarlierResultsAndPrintsErrorWithPositionDetailAndHint() {
        database.executor = (sql, sink) -> {
            sink.accept(FakeResult.command("INSERT 0 1"));
            throw DbException.of("42P01", "relation \"nope\" does not exist").withPosition(32)
                    .withHint("Create it first.");
        };
        assertEquals("INSERT 0 1\n"
                + "ERROR: relation \"nope\" does not exist (SQLSTATE 42P01)\n"
                + "LINE 1: insert into t values (1); select * from nope\n"
                + " ".repeat(39) + "^\n"
                + "HINT: Create it first.\n", run("insert into t values (1); select * from nope"));
        assertTrue(database.sessions.get(0).closed);
    }

    @Test
    void printsNoHalfTableWhenARowFails() {
        database.executor = (sql, sink) -> sink.accept(FakeResult.failingAt(1, DbException.of("22012",
                "division by zero"), List.of(new Column("q", SqlType.INTEGER)), new Object[] {1}, new Object[] {2}));
        assertEquals("ERROR: division by zero (SQLSTATE 22012)\n", run("select 1/x from t"));
    }

    @Test
    void reportsUnavailableDatabaseAsError() {
        database.executor = (sql, sink) -> {
            throw DbException.of("57P03", "the database system is not available: missing storage engine");
        };
        assertEquals("ERROR: the database system is not available: missing storage engine (SQLSTATE 57P03)\n",
                run("select 1"));
    }

    @Test
    void reportsMissingDatabaseService() {
        Output out = new Output();
        DbException e = assertThrows(DbException.class,
                () -> new SqlCommand(() -> null).execute(List.of("select 1"), out.stream));
        assertEquals("57P03", e.sqlState());
    }

    @Test
    void rejectsEmptySql() {
        DbException e = assertThrows(DbException.class, () -> run("  "));
        assertEquals("22023", e.sqlState());
        assertTrue(database.sessions.isEmpty());
    }

    @Test
    void warnsThatAnOpenTransactionIsRolledBack() {
        database.executor = (sql, sink) -> sink.accept(FakeResult.command("BEGIN"));
        database.transactionStatus = TransactionStatus.IN_TRANSACTION;
        String text = run("begin");
        assertTrue(text.startsWith("BEGIN\nWARNING: the open transaction was rolled back"), text);
        assertTrue(database.sessions.get(0).closed);
    }

    @Test
    void formatsValuesAsPsqlText() {
        assertEquals("t", SqlCommand.text(true));
        assertEquals("f", SqlCommand.text(false));
        assertEquals("-5", SqlCommand.text(-5L));
        assertEquals(null, SqlCommand.text(null));
    }
}
