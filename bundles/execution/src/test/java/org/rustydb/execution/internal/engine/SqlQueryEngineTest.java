package org.rustydb.execution.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.api.SqlType;
import org.rustydb.api.TransactionStatus;
import org.rustydb.api.Results;
import org.rustydb.execution.internal.function.BuiltinFunction;
import org.rustydb.execution.slt.TestDatabase;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.exec.StatementHandler;
import org.rustydb.spi.function.SqlFunction;

/** The engine behind a kernel session: names, types, tags, positions and transaction state. */
class SqlQueryEngineTest {
    private final TestDatabase db = new TestDatabase();
    private final Session session = db.open();

    @AfterEach
    void close() {
        session.close();
    }

    private List<TestDatabase.Outcome> run(String sql) {
        return TestDatabase.run(session, sql);
    }

    private DbException fail(String sql) {
        return assertThrows(DbException.class, () -> run(sql));
    }

    @Test
    void resultColumnsAreNamedAndTypedLikePostgres() {
        run("create table t (a int, b text, c varchar(3))");
        List<Column> columns = run("select a, b as \"Bee\", c, c::text, a::text, (a), -a, a + 1, abs(a), length(b),"
                + " case when a > 1 then 'big' end, cast(a as bigint), true, null, 'lit', 1, 'x'::varchar(2),"
                + " coalesce(a, 0), nullif(b, 'x'), a is null, 2147483648, x.a from t as x").get(0).columns();
        StringJoiner names = new StringJoiner(",");
        StringJoiner types = new StringJoiner(",");
        for (Column c : columns) {
            names.add(c.name());
            types.add(c.type().sqlName() + (c.typeModifier() >= 0 ? "(" + c.typeModifier() + ")" : ""));
        }
        assertEquals("a,Bee,c,c,a,a,?column?,?column?,abs,length,case,a,?column?,?column?,?column?,?column?,"
                + "varchar,coalesce,nullif,?column?,?column?,a", names.toString());
        assertEquals("integer,text,character varying(3),text,text,integer,integer,integer,integer,integer,text,"
                + "bigint,boolean,text,text,integer,character varying(2),integer,text,boolean,bigint,integer",
                types.toString());
    }

    @Test
    void valuesHaveTheJavaClassesOfTheirTypes() {
        run("create table v (s smallint, i int, b bigint, t text, c varchar(5), f boolean)");
        run("insert into v values (1, 2, 3, 'x', 'y', true)");
        Object[] row = run("select * from v").get(0).rows().get(0);
        List<Column> columns = run("select * from v").get(0).columns();
        for (int i = 0; i < row.length; i++) {
            assertEquals(columns.get(i).type().javaClass(), row[i].getClass());
        }
    }

    @Test
    void commandTags() {
        List<String> tags = run("create table t (a int); insert into t values (1), (2); insert into t select a from t;"
                + " update t set a = a + 1 where a > 1; delete from t where a = 1; select * from t; drop table t")
                .stream().map(TestDatabase.Outcome::tag).toList();
        assertEquals(List.of("CREATE TABLE", "INSERT 0 2", "INSERT 0 2", "UPDATE 2", "DELETE 2", "SELECT 2",
                "DROP TABLE"), tags);
        tags = run("begin; commit; start transaction; rollback; end; abort").stream()
                .map(TestDatabase.Outcome::tag).toList();
        assertEquals(List.of("BEGIN", "COMMIT", "START TRANSACTION", "ROLLBACK", "COMMIT", "ROLLBACK"), tags);
    }

    @Test
    void noticesAsPostgresRaisesThem() {
        List<String> notices = new ArrayList<>();
        ResultSink sink = new ResultSink() {
            @Override
            public void accept(Result result) {
            }

            @Override
            public void notice(Notice notice) {
                notices.add(notice.severity() + " " + notice.sqlState() + " " + notice.message());
            }
        };
        session.execute("drop table if exists nosuch", sink);
        session.execute("create table n (a int)", sink);
        session.execute("create table if not exists n (a int)", sink);
        session.execute("commit", sink);
        session.execute("rollback", sink);
        session.execute("begin", sink);
        session.execute("begin", sink);
        session.execute("rollback", sink);
        assertEquals(List.of("NOTICE 00000 table \"nosuch\" does not exist, skipping",
                "NOTICE 42P07 relation \"n\" already exists, skipping",
                "WARNING 25P01 there is no transaction in progress",
                "WARNING 25P01 there is no transaction in progress",
                "WARNING 25001 there is already a transaction in progress"), notices);
    }

    @Test
    void selectTagCountsTheRowsRead() {
        run("create table t (a int); insert into t values (1), (2), (3)");
        List<String> tags = new ArrayList<>();
        session.execute("select a from t", r -> {
            r.next();
            tags.add(r.commandTag());
        });
        assertEquals(List.of("SELECT 1"), tags);
    }

    @Test
    void emptyStringsProduceNoResults() {
        assertTrue(run("").isEmpty());
        assertTrue(run(" ;; -- nothing\n").isEmpty());
    }

    @Test
    void errorsCarryPostgresPositions() {
        run("create table t (a int, b text)");
        assertPosition("select x from t", "42703", 8);
        assertPosition("select 1; select x; select 2", "42703", 18);
        assertPosition("select a from t where b = 1", "42883", 25);
        assertPosition("select 1 + 'x'", "22P02", 12);
        assertPosition("select foo(1)", "42883", 8);
        assertPosition("select * from nosuch", "42P01", 15);
        assertPosition("select a from t where a", "42804", 23);
        assertPosition("select 5::int8::bool", "42846", 15);
        assertPosition("select cast(true as bigint)", "42846", 8);
        assertPosition("select cast(1 as foo)", "42704", 18);
        assertPosition("select case when true then 1 else 'a'::text end", "42804", 28);
        assertPosition("select not 1", "42804", 12);
        assertPosition("insert into t values (1, 'x', 3)", "42601", 31);
        assertPosition("insert into t (a, zz) values (1, 2)", "42703", 19);
        assertPosition("create table u (a foo)", "42704", 19);
        assertPosition("create table u (a int primary key, b int, primary key (b))", "42P16", 43);
        assertPosition("select a from t order by 5", "42P10", 26);
        assertPosition("select 1,\n  x", "42703", 13);
        assertPosition("select '😀', x", "42703", 13);
    }

    private void assertPosition(String sql, String sqlState, int position) {
        DbException e = fail(sql);
        assertEquals(sqlState, e.sqlState(), sql + ": " + e.getMessage());
        assertEquals(position, e.position(), sql + ": " + e.getMessage());
    }

    @Test
    void transactionStatusFollowsTheBlock() {
        run("create table t (a int)");
        assertEquals(TransactionStatus.IDLE, session.transactionStatus());
        run("begin");
        assertEquals(TransactionStatus.IN_TRANSACTION, session.transactionStatus());
        fail("select 1 / 0");
        assertEquals(TransactionStatus.FAILED, session.transactionStatus());
        DbException e = fail("select 1");
        assertEquals("25P02", e.sqlState());
        assertEquals("ROLLBACK", run("commit").get(0).tag());
        assertEquals(TransactionStatus.IDLE, session.transactionStatus());
        run("insert into t values (1); begin; insert into t values (2)");
        assertEquals(TransactionStatus.IN_TRANSACTION, session.transactionStatus());
        session.close();
        try (Session other = db.open()) {
            assertEquals(0, TestDatabase.run(other, "select * from t").get(0).rows().size(),
                    "closing the session rolled back the block that the implicit transaction became");
        }
    }

    @Test
    void aFailedBlockKeepsItsTransactionUntilRollbackToASavepointOrItsEnd() {
        run("create table t (a int primary key)");
        run("begin; insert into t values (1); savepoint s; insert into t values (2)");
        fail("insert into t values (3), (1)");
        assertEquals(TransactionStatus.FAILED, session.transactionStatus());
        // the memory engine shows uncommitted rows to others: the failed block's work is still there
        try (Session other = db.open()) {
            assertEquals(3, TestDatabase.run(other, "select a from t").get(0).rows().size());
        }
        assertEquals(List.of("ROLLBACK"), run("rollback to savepoint s").stream().map(TestDatabase.Outcome::tag).toList());
        assertEquals(TransactionStatus.IN_TRANSACTION, session.transactionStatus());
        assertEquals(1, run("select a from t").get(0).rows().size());
        assertEquals(List.of("SAVEPOINT", "RELEASE", "SET"),
                run("savepoint x; release x; set transaction read only").stream().map(TestDatabase.Outcome::tag)
                        .toList());
        fail("select 1 / 0");
        assertEquals("ROLLBACK", run("commit").get(0).tag());
        assertEquals(0, run("select a from t").get(0).rows().size());
    }

    @Test
    void setTransactionOutsideABlockWarns() {
        List<String> notices = new ArrayList<>();
        session.execute("set transaction read only", new ResultSink() {
            @Override
            public void accept(Result result) {
                assertEquals("SET", result.commandTag());
            }

            @Override
            public void notice(Notice notice) {
                notices.add(notice.severity() + " " + notice.sqlState() + " " + notice.message());
            }
        });
        assertEquals(List.of("WARNING 25P01 SET TRANSACTION can only be used in transaction blocks"), notices);
    }

    @Test
    void aFailureWhileReadingRowsFailsTheStatementEvenIfTheSinkSwallowsIt() {
        run("create table t (a int)");
        run("insert into t values (1), (0)");
        run("begin");
        ResultSink swallowing = result -> {
            try {
                while (result.next() != null) {
                    // read all
                }
            } catch (DbException ignored) {
                // a careless front end
            }
        };
        DbException e = assertThrows(DbException.class, () -> session.execute("select 1 / a from t", swallowing));
        assertEquals("22012", e.sqlState());
        assertEquals(TransactionStatus.FAILED, session.transactionStatus());
    }

    @Test
    void cancelStopsALongScan() {
        run("create table t (a int)");
        StringJoiner values = new StringJoiner(",");
        for (int i = 0; i < 5000; i++) {
            values.add("(" + i + ")");
        }
        run("insert into t values " + values);
        int[] read = {0};
        DbException e = assertThrows(DbException.class, () -> session.execute("select a from t", result -> {
            session.cancel();
            while (result.next() != null) {
                read[0]++;
            }
        }));
        assertEquals("57014", e.sqlState());
        assertTrue(read[0] < 5000, "stopped after " + read[0] + " rows");
    }

    @Test
    void unsupportedStatementsAreNamed() {
        DbException e = fail("select 1; cluster");
        assertEquals("0A000", e.sqlState());
        assertEquals("CLUSTER is not supported yet", e.getMessage());
        assertEquals(11, e.position());
    }

    @Test
    void aRepeatedStatementSeesTheTablesAsTheyAreNow() {
        run("create table t (a int)");
        run("insert into t values (1)");
        String query = "select * from t";
        assertEquals(1, run(query).get(0).columns().size());
        run("alter table t add column b text default 'x'");
        TestDatabase.Outcome after = run(query).get(0);
        assertEquals(List.of("a", "b"), after.columns().stream().map(Column::name).toList());
        assertEquals("x", after.rows().get(0)[1]);
        run("drop table t");
        assertEquals("42P01", fail(query).sqlState());
        run("create table t (a text)");
        run("insert into t values ('now text')");
        assertEquals("now text", run(query).get(0).rows().get(0)[0]);
    }

    @Test
    void statementHandlersRunTheirKeyword() {
        List<String> seen = new ArrayList<>();
        db.kernel().extensions().addStatementHandler(new StatementHandler() {
            @Override
            public String keyword() {
                return "CHECKPOINT";
            }

            @Override
            public void execute(SessionContext ctx, String statement, ResultSink sink) {
                seen.add(statement + "/" + ctx.transactionStatus());
                if (statement.contains("fail")) {
                    throw DbException.of("XX000", "handler failed");
                }
                sink.accept(Results.command("CHECKPOINT"));
            }
        });
        assertEquals("CHECKPOINT", run("checkpoint").get(0).tag());
        run("begin");
        fail("checkpoint fail");
        assertEquals(TransactionStatus.FAILED, session.transactionStatus());
        assertEquals(List.of("checkpoint/IDLE", "checkpoint fail/IN_TRANSACTION"), seen);
    }

    @Test
    void functionsResolveThroughTheSessionWithPostgresRules() {
        db.kernel().extensions().addFunction(new BuiltinFunction("f", List.of(SqlType.INTEGER), SqlType.TEXT,
                a -> "int"));
        db.kernel().extensions().addFunction(new BuiltinFunction("f", List.of(SqlType.BIGINT), SqlType.TEXT,
                a -> "bigint"));
        db.kernel().extensions().addFunction(new BuiltinFunction("f", List.of(SqlType.TEXT), SqlType.TEXT,
                a -> "text"));
        assertEquals("int", run("select f(1)").get(0).rows().get(0)[0]);
        assertEquals("bigint", run("select f(5000000000)").get(0).rows().get(0)[0]);
        assertEquals("text", run("select f('x')").get(0).rows().get(0)[0]);
        assertEquals("text", run("select f('x'::varchar)").get(0).rows().get(0)[0]);
        DbException e = fail("select f(1::smallint)");
        assertEquals("42725", e.sqlState());
        assertEquals("function f(smallint) is not unique", e.getMessage());
        e = fail("select f(true)");
        assertEquals("function f(boolean) does not exist", e.getMessage());
        assertEquals("No function matches the given name and argument types. You might need to add explicit type casts.",
                e.hint());
    }

    @Test
    void nonStrictFunctionsSeeNullsAndBadResultsAreInternalErrors() {
        db.kernel().extensions().addFunction(new SqlFunction() {
            @Override
            public String name() {
                return "isnull";
            }

            @Override
            public List<SqlType> parameterTypes() {
                return List.of(SqlType.INTEGER);
            }

            @Override
            public SqlType returnType() {
                return SqlType.BOOLEAN;
            }

            @Override
            public boolean isStrict() {
                return false;
            }

            @Override
            public Object invoke(Object[] arguments) {
                return arguments[0] == null;
            }
        });
        db.kernel().extensions().addFunction(new BuiltinFunction("broken", List.of(), SqlType.INTEGER, a -> "no"));
        assertEquals(true, run("select isnull(null)").get(0).rows().get(0)[0]);
        assertEquals("XX000", fail("select broken()").sqlState());
    }

    @Test
    void statementTimeoutCancelsALongStatementWith57014AndTheSessionGoesOn() {
        // the first row takes 20 ms, so the scan's next cancel check (it checks every so many rows)
        // is past a 10 ms timeout, whatever the machine
        db.kernel().extensions().addFunction(new BuiltinFunction("slow", List.of(SqlType.INTEGER), SqlType.INTEGER,
                a -> {
                    if ((Integer) a[0] == 1) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return a[0];
                }));
        run("create table t (a int)");
        StringBuilder insert = new StringBuilder("insert into t values (1)");
        for (int i = 2; i <= 5000; i++) {
            insert.append(", (").append(i).append(')');
        }
        run(insert.toString());
        assertEquals(5000, run("select slow(a) from t").get(0).rows().size());
        run("set statement_timeout = 10");
        assertEquals("10ms", run("show statement_timeout").get(0).rows().get(0)[0]);
        DbException e = fail("select slow(a) from t");
        assertEquals("57014", e.sqlState());
        assertEquals("canceling statement due to statement timeout", e.getMessage());
        // the session goes on (a statement without a scan: a loaded machine can take 10 ms for one)
        assertEquals(List.of(1), List.of(run("select 1").get(0).rows().get(0)[0]));
        run("reset statement_timeout");
        assertEquals(5000, run("select slow(a) from t").get(0).rows().size());
    }
}
