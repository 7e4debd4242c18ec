package org.rustydb.execution.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Results;
import org.rustydb.api.Session;
import org.rustydb.api.SqlType;
import org.rustydb.execution.slt.TestDatabase;
import org.rustydb.spi.exec.PreparedQuery;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.exec.StatementHandler;
import org.rustydb.storage.memory.internal.MemoryStorageEngine;

/**
 * Prepared statements run their generic plan again while what it was made from holds, DML
 * statements sent again reuse their plans, and every change that could make a plan stale makes
 * it bind again; the engine's API prepares and executes as the extended query protocol will.
 */
class PreparedPlansTest {
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

    private List<Object> column(String sql) {
        List<Object> out = new ArrayList<>();
        for (Object[] row : run(sql).get(0).rows()) {
            out.add(row[0]);
        }
        return out;
    }

    private boolean reused(LongSupplier counter, String sql) {
        long before = counter.getAsLong();
        run(sql);
        return counter.getAsLong() > before;
    }

    private boolean genericReused(String sql) {
        return reused(engine::preparedPlanReuses, sql);
    }

    @Test
    void aGenericPlanServesEveryExecutionWithItsValues() {
        run("create table t (a int primary key, b text)");
        run("insert into t select i, 'v' || i from generate_series(1, 50) s(i)");
        run("set plan_cache_mode = force_generic_plan");
        run("prepare r as select a from t where a >= $1 and a < $2 order by a");
        assertEquals(List.of(3, 4, 5), column("execute r(3, 6)"));
        assertTrue(genericReused("execute r(10, 12)"));
        assertEquals(List.of(10, 11), column("execute r(10, 12)"), "the index range comes from the values");
        assertEquals(List.of(), column("execute r(null, 12)"));
        assertEquals(List.of(49, 50), column("execute r(49, 1000)"));
        List<Object> plan = column("explain execute r(1, 2)");
        assertTrue(plan.stream().anyMatch(line -> ((String) line).trim().equals("Index Cond: ((a >= $1) AND (a < $2))")),
                plan.toString());
    }

    @Test
    void autoUsesCustomPlansFirstThenTheGenericOne() {
        run("create table t (a int)");
        run("prepare p as select count(*) from t where a = $1");
        for (int i = 0; i < PreparedStatements.CUSTOM_PLANS_FIRST; i++) {
            assertEquals(false, genericReused("execute p(1)"), "custom plan " + i);
        }
        run("execute p(1)"); // the first generic execution may bind it again
        assertTrue(genericReused("execute p(2)"));
        run("set plan_cache_mode = force_custom_plan");
        assertEquals(false, genericReused("execute p(2)"));
        run("prepare q as select count(*) from t");
        run("execute q");
        assertTrue(genericReused("execute q"), "without parameters the generic plan is always used");
    }

    @Test
    void changesBetweenExecutionsMakeTheGenericPlanBindAgain() {
        run("create table t (a int, b text)");
        run("insert into t values (1, 'one'), (2, 'two')");
        run("set plan_cache_mode = force_generic_plan");
        run("prepare p as select b from t where a = $1");
        run("execute p(1)");
        assertTrue(genericReused("execute p(1)"));
        run("alter table t add column c int");
        assertEquals(false, genericReused("execute p(1)"));
        assertTrue(genericReused("execute p(2)"));
        run("create index t_a on t (a)");
        assertTrue(genericReused("execute p(2)"), "a query on one table chooses its index when it runs");
        assertTrue(((String) column("explain execute p(2)").get(0)).startsWith("Index Scan using t_a on t"));
        assertEquals(List.of("two"), column("execute p(2)"));
        run("analyze t");
        assertEquals(false, genericReused("execute p(2)"), "new statistics");
        run("drop table t");
        assertEquals("42P01", assertThrows(DbException.class, () -> run("execute p(1)")).sqlState());
        run("create table t (b text, a int)");
        run("insert into t values ('again', 1)");
        assertEquals(List.of("again"), column("execute p(1)"), "a new table of the same name");
        run("create temp table t (a int, b text)");
        run("insert into t values (1, 'temp')");
        assertEquals(List.of("temp"), column("execute p(1)"), "search_path now finds the temporary table");
        run("set search_path = public, pg_temp");
        assertEquals(List.of("again"), column("execute p(1)"), "search_path changed");
    }

    @Test
    void aJoinPlanMadeWithAnIndexBindsAgainWhenTheIndexesChange() {
        run("create table o (id int, c int)");
        run("create index o_id on o (id)");
        run("create table l (o int, x int)");
        run("insert into o select i, i % 7 from generate_series(1, 300) s(i)");
        run("insert into l select i % 300 + 1, i from generate_series(1, 20) s(i)");
        run("analyze o");
        run("analyze l");
        run("set plan_cache_mode = force_generic_plan");
        run("prepare j as select count(*) from l join o on o.id = l.o where l.x < $1");
        assertEquals(List.of(9L), column("execute j(10)"));
        assertTrue(genericReused("execute j(10)"));
        run("create index l_x on l (x)");
        assertEquals(false, genericReused("execute j(10)"), "another index of a joined table");
        run("drop index o_id");
        assertEquals(List.of(9L), column("execute j(10)"), "the dropped index is not read");
    }

    @Test
    void aQueryWhoseColumnsChangedCannotRunAgain() {
        run("create table t (a int)");
        run("prepare p as select * from t where a = $1");
        run("execute p(1)");
        run("alter table t add column b int");
        assertEquals("0A000", assertThrows(DbException.class, () -> run("execute p(1)")).sqlState());
    }

    @Test
    void dmlSentAgainReusesItsPlan() {
        run("create table t (a int primary key, b text default 'x', n int)");
        LongSupplier dml = engine::dmlPlanReuses;
        String insert = "insert into t (a, n) values (1, 0) on conflict (a) do update set n = t.n + 1 returning n";
        assertEquals(false, reused(dml, insert));
        assertTrue(reused(dml, insert));
        assertEquals(List.of(2), column(insert));
        String update = "update t set n = n + 10 where a = 1 returning n, b";
        run(update);
        assertTrue(reused(dml, update));
        assertEquals(List.of(32), column(update));
        run("alter table t alter column b set default 'y'");
        run("delete from t");
        assertEquals(false, reused(dml, insert), "a changed default");
        assertEquals(List.of("y"), column("select b from t"));
        run("create unique index t_n on t (n)");
        assertEquals(false, reused(dml, insert), "ON CONFLICT chose among the indexes of another list");
        String delete = "delete from t where a = 1";
        run(delete);
        assertTrue(reused(dml, delete));
    }

    @Test
    void dmlWithVolatileDefaultsIsBoundEachTime() {
        run("create table t (id serial, a int)");
        String insert = "insert into t (a) values (1)";
        run(insert);
        assertEquals(false, reused(engine::dmlPlanReuses, insert));
        assertEquals(List.of(1, 2), column("select id from t order by id"));
    }

    @Test
    void preparedDmlRunsItsGenericPlanWithEachExecutionsValues() {
        run("create table t (a int primary key, b text)");
        run("set plan_cache_mode = force_generic_plan");
        run("prepare ins as insert into t values ($1, $2) returning a");
        run("prepare upd as update t set b = $2 where a = $1");
        run("prepare del as delete from t where a = $1");
        for (int i = 1; i <= 5; i++) {
            run("execute ins(" + i + ", 'v" + i + "')");
        }
        run("execute ins(6, null)");
        run("execute upd(2, 'changed')");
        run("execute del(3)");
        assertEquals(List.of("v1", "changed", "v4", "v5", "NULL"),
                column("select coalesce(b, 'NULL') from t order by a"));
        assertTrue(genericReused("execute del(4)"));
    }

    /** Runs {@code body} with the session's context, as a front end holding it would. */
    private void withContext(java.util.function.Consumer<SessionContext> body) {
        db.kernel().extensions().addStatementHandler(new StatementHandler() {
            @Override
            public String keyword() {
                return "FRONTEND";
            }

            @Override
            public void execute(SessionContext ctx, String statement, ResultSink sink) {
                body.accept(ctx);
                sink.accept(Results.command("FRONTEND"));
            }
        });
        run("frontend");
    }

    @Test
    void theApiPreparesAndExecutesWithTextParameters() {
        run("create table t (a int primary key, b text)");
        run("insert into t values (1, 'one'), (2, 'two')");
        withContext(ctx -> {
            PreparedQuery select = engine.prepare(ctx, "select b, a from t where a = $1", null);
            assertEquals(List.of(SqlType.INTEGER), select.parameterTypes());
            assertEquals(List.of("b", "a"), select.columns().stream().map(Column::name).toList());
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                rows.clear();
                engine.execute(ctx, select, List.of("2"), r -> rows.addAll(read(r)));
                assertEquals("[two, 2]", Arrays.toString(rows.get(0)));
            }
            assertTrue(engine.preparedPlanReuses() > 0);
            PreparedQuery insert = engine.prepare(ctx, "insert into t values ($1, $2)", List.of(SqlType.BIGINT));
            assertEquals(List.of(SqlType.BIGINT, SqlType.TEXT), insert.parameterTypes());
            assertNull(insert.columns());
            engine.execute(ctx, insert, Arrays.asList("3", null), r -> { });
            assertEquals("22P02", assertThrows(DbException.class,
                    () -> engine.execute(ctx, insert, List.of("x", "y"), r -> { })).sqlState());
            assertEquals("08P01", assertThrows(DbException.class,
                    () -> engine.execute(ctx, insert, List.of("4"), r -> { })).sqlState());
            assertEquals("42P18", assertThrows(DbException.class,
                    () -> engine.prepare(ctx, "select 1 where $1 is null", null)).sqlState());
            assertEquals("42601", assertThrows(DbException.class,
                    () -> engine.prepare(ctx, "select 1; select 2", null)).sqlState());
            PreparedQuery set = engine.prepare(ctx, "set application_name = 'x'", null);
            assertEquals(List.of(), set.parameterTypes());
            engine.execute(ctx, set, List.of(), r -> { });
            assertEquals("x", engine.setting(ctx, "application_name"));
        });
        assertEquals(List.of("one", "two", "NULL"), column("select coalesce(b, 'NULL') from t order by a"));
    }

    private static List<Object[]> read(org.rustydb.api.Result result) {
        List<Object[]> rows = new ArrayList<>();
        Object[] row;
        while ((row = result.next()) != null) {
            rows.add(row);
        }
        return rows;
    }
}
