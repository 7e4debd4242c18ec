package org.rustydb.execution.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.Session;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.function.BuiltinFunction;
import org.rustydb.execution.slt.TestDatabase;
import org.rustydb.storage.memory.internal.MemoryStorageEngine;

/** When a query sent again reuses its plan, and every change that makes it bind the query afresh. */
class PlanCacheTest {
    private final SqlQueryEngine engine = new SqlQueryEngine();
    private final TestDatabase db = new TestDatabase(new MemoryStorageEngine(), engine);
    private final Session session = db.open();

    @AfterEach
    void close() {
        session.close();
    }

    private List<TestDatabase.Outcome> run(String sql) {
        return TestDatabase.run(session, sql);
    }

    private Object single(String sql) {
        return run(sql).get(0).rows().get(0)[0];
    }

    /** Runs the query and says whether it reused a kept plan. */
    private boolean reused(String sql) {
        long before = engine.queryPlanReuses();
        run(sql);
        return engine.queryPlanReuses() > before;
    }

    @Test
    void aQuerySentAgainReusesItsPlan() {
        run("create table t (a int primary key, b text)");
        run("insert into t values (1, 'one'), (2, 'two')");
        String query = "select b from t where a = 2";
        assertEquals(false, reused(query));
        assertEquals(true, reused(query));
        assertEquals("two", single(query));
        run("update t set b = 'deux' where a = 2");
        assertEquals("deux", single(query), "a reused plan reads the table as it is now");
        assertEquals(true, reused("select b from t where a = 2"), "the same text is the same statement");
        assertEquals(true, reused("select b from t where a = 1"), "numbers only: the template's generic plan");
        assertEquals("one", single("select b from t where a = 1"));
    }

    @Test
    void statementsThatDifferOnlyInNumbersShareAGenericPlanWithTheNumbersTypes() {
        run("create table t (a bigint primary key, b text, c numeric)");
        run("insert into t values (1, 'one', 1.5), (5000000000, 'big', 2.25)");
        assertEquals(false, reused("select b from t where a = 1 and c > 1.0"));
        assertEquals(true, reused("select b from t where a = 7 and c > 0.5"));
        assertEquals("one", single("select b from t where a = 1 and c > 1.25"));
        // 5000000000 is a bigint literal, not an integer: a plan of its own types
        assertEquals(false, reused("select b from t where a = 5000000000 and c > 1.0"));
        assertEquals("big", single("select b from t where a = 5000000000 and c > 1.0"));
        assertEquals(0, run("select b from t where a = 1 and c > 2").get(0).rows().size());
        // a string constant is of unknown type until its context types it: bound for its text, whose
        // parse is kept from its second coming on
        assertEquals(false, reused("select a from t where b = 'one'"));
        assertEquals(false, reused("select a from t where b = 'big'"));
        assertEquals(false, reused("select a from t where b = 'big'"));
        assertEquals(true, reused("select a from t where b = 'big'"));
        // the same shape in DML: each update finds its own row
        run("update t set c = c + 1 where a = 1");
        run("update t set c = c + 2 where a = 5000000000");
        assertEquals(new java.math.BigDecimal("2.5"), single("select c from t where a = 1"));
        assertEquals(new java.math.BigDecimal("4.25"), single("select c from t where a = 5000000000"));
    }

    @Test
    void alteringTheTableMakesItBindAgain() {
        run("create table t (a int)");
        run("insert into t values (1)");
        String query = "select * from t";
        run(query);
        assertEquals(true, reused(query));
        run("alter table t add column b text default 'x'");
        assertEquals(false, reused(query));
        assertEquals(List.of("a", "b"), run(query).get(0).columns().stream().map(Column::name).toList());
        run("drop table t");
        assertEquals("42P01", assertThrows(DbException.class, () -> run(query)).sqlState());
        run("create table t (a text)");
        run("insert into t values ('again')");
        assertEquals("again", single(query));
    }

    @Test
    void aTableThatNowShadowsTheNameIsSeen() {
        run("create table t (a int)");
        run("insert into t values (1)");
        String query = "select a from t";
        run(query);
        assertEquals(true, reused(query));
        run("create temp table t (a int)");
        run("insert into t values (2)");
        assertEquals(2, single(query), "the temporary table comes first in the search path");
    }

    @Test
    void ddlRolledBackMakesItBindAgain() {
        run("create table t (a int)");
        run("insert into t values (1)");
        String query = "select * from t";
        run(query);
        assertEquals(true, reused(query));
        run("begin");
        run("alter table t add column b int default 2");
        assertEquals(List.of("a", "b"), run(query).get(0).columns().stream().map(Column::name).toList());
        assertEquals(true, reused(query), "the block's own change, checked once");
        run("rollback");
        assertEquals(false, reused(query));
        assertEquals(List.of("a"), run(query).get(0).columns().stream().map(Column::name).toList());
    }

    @Test
    void aRollbackToASavepointUndoingAnAlterTableMakesItBindAgain() {
        run("create table t (a int)");
        run("insert into t values (1)");
        String query = "select * from t";
        run("begin");
        run("savepoint s");
        run("alter table t add column b int default 2");
        assertEquals(2, run(query).get(0).rows().get(0).length);
        assertEquals(true, reused(query));
        run("rollback to savepoint s");
        assertEquals(1, run(query).get(0).rows().get(0).length);
        run("commit");
        assertEquals(1, run(query).get(0).rows().get(0).length);
    }

    @Test
    void aDroppedAndRecreatedTableIsTheNewOne() {
        run("create table t (a int)");
        run("insert into t values (1)");
        String query = "select a from t";
        assertEquals(1, single(query));
        assertEquals(true, reused(query));
        run("drop table t");
        run("create table t (a int)");
        run("insert into t values (2)");
        assertEquals(2, single(query));
    }

    @Test
    void anotherSessionsCommittedDdlIsSeen() {
        run("create table t (a int)");
        run("insert into t values (1)");
        String query = "select * from t";
        run(query);
        run(query);
        try (Session other = db.open()) {
            TestDatabase.run(other, "alter table t add column b int default 7");
        }
        assertEquals(7, run(query).get(0).rows().get(0)[1]);
    }

    @Test
    void aReplacedViewIsSeenAlsoThroughAnotherView() {
        run("create table t (a int)");
        run("insert into t values (1), (2), (3)");
        run("create view v as select a from t where a < 3");
        run("create view w as select a * 2 as d from v");
        String query = "select sum(d) from w";
        assertEquals(6L, single(query));
        assertEquals(true, reused(query));
        run("create or replace view v as select a from t where a > 1");
        assertEquals(10L, single(query));
        assertEquals(true, reused(query));
    }

    @Test
    void newStatisticsMakeItPlanAgain() {
        run("create table t (a int)");
        run("insert into t select i from generate_series(1, 40) s(i)"); // under the automatic analyze threshold
        String query = "select count(*) from t where a < 10";
        run(query);
        assertEquals(true, reused(query));
        run("analyze t");
        assertEquals(false, reused(query));
        assertEquals(true, reused(query));
    }

    @Test
    void aFunctionOverloadRegisteredLaterIsChosen() {
        db.kernel().extensions().addFunction(new BuiltinFunction("f", List.of(SqlType.BIGINT), SqlType.TEXT,
                a -> "bigint"));
        String query = "select f(1)";
        assertEquals("bigint", single(query));
        assertEquals(true, reused(query));
        db.kernel().extensions().addFunction(new BuiltinFunction("f", List.of(SqlType.INTEGER), SqlType.TEXT,
                a -> "int"));
        assertEquals("int", single(query));
    }

    @Test
    void changedSettingsMakeItBindAgain() {
        String query = "select '2024-01-01 12:00'::timestamptz::text";
        run("set timezone = 'UTC'");
        assertEquals("2024-01-01 12:00:00+00", single(query));
        assertEquals(true, reused(query));
        run("set timezone = 'Europe/Paris'");
        assertEquals("2024-01-01 12:00:00+01", single(query));
    }

    @Test
    void statementsThatCannotBeReusedAreBoundEachTime() {
        run("create table t (a int)");
        for (String query : List.of("select (select max(a) from t)", "select 'now'::timestamp",
                "select a from t for update", "with recursive r(n) as (select 1 union all select n + 1 from r"
                        + " where n < 3) select count(*) from r", "select pg_backend_pid()")) {
            run(query);
            assertEquals(false, reused(query), query);
        }
    }
}
