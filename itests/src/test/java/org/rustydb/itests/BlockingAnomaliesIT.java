package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Hermitage scenarios in which PostgreSQL makes a writer wait (G0, OTV, P4), those that
 * need SERIALIZABLE to fail (G2, G2-item), deadlocks, lock_timeout, NOWAIT, SKIP LOCKED and
 * LOCK TABLE, over three client connections, each on its own thread so that one can block while
 * the others go on. Each asserts the outcome PostgreSQL 15 gives at the same level; with
 * {@code -Ditest.reference.port=N} the same assertions run against that PostgreSQL server.
 */
class BlockingAnomaliesIT extends AgainstDistributionOrReference {
    /** PostgreSQL runs READ UNCOMMITTED as READ COMMITTED, and so do we: same outcomes. */
    private static final String RU = "read uncommitted";
    private static final String RC = "read committed";
    private static final String RR = "repeatable read";
    private static final String SER = "serializable";

    private static boolean readsCommitted(String level) {
        return level.equals(RC) || level.equals(RU);
    }
    private final List<Session> sessions = new ArrayList<>();
    private Session t1;
    private Session t2;
    private Session t3;

    @BeforeEach
    void setUp() throws Exception {
        try (Connection setup = connect()) {
            Sql.execute(setup, "drop table if exists test");
            Sql.execute(setup, "create table test (id int primary key, v int)");
            Sql.execute(setup, "insert into test values (1, 10), (2, 20)");
        }
        t1 = new Session(connect());
        t2 = new Session(connect());
        t3 = new Session(connect());
    }

    @AfterEach
    void tearDown() {
        for (Session s : sessions) {
            s.close();
        }
        sessions.clear();
    }

    /** One client connection driven from its own thread, so a statement may block. */
    private final class Session {
        private final Connection connection;
        private final ExecutorService thread = Executors.newSingleThreadExecutor();

        Session(Connection connection) {
            this.connection = connection;
            sessions.add(this);
        }

        Future<Void> start(String sql) {
            return thread.submit(() -> {
                Sql.execute(connection, sql);
                return null;
            });
        }

        void run(String sql) throws Exception {
            await(start(sql));
        }

        List<List<String>> query(String sql) throws Exception {
            return thread.submit(() -> Sql.query(connection, sql)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        /** The SQLSTATE the statement fails with. */
        String fails(String sql) throws Exception {
            return failure(start(sql));
        }

        void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                // the test's outcome is already decided
            }
            thread.shutdownNow();
        }
    }

    private static void await(Future<Void> f) throws Exception {
        try {
            f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static String failure(Future<Void> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof SQLException, e.getCause().toString());
        return ((SQLException) e.getCause()).getSQLState();
    }

    private static void assertBlocked(Future<Void> f) throws InterruptedException {
        Thread.sleep(300);
        assertFalse(f.isDone(), "the statement should be waiting for a lock");
    }

    private static List<List<String>> rows(int... idValuePairs) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < idValuePairs.length; i += 2) {
            rows.add(List.of(Integer.toString(idValuePairs[i]), Integer.toString(idValuePairs[i + 1])));
        }
        return rows;
    }

    private List<List<String>> all() throws Exception {
        try (Connection check = connect()) {
            return Sql.query(check, "select id, v from test order by id");
        }
    }

    private void beginAll(String level, Session... ss) throws Exception {
        for (Session s : ss) {
            s.run("begin transaction isolation level " + level);
        }
    }

    /** G0, write cycles: the second writer waits; the outcome is one transaction's writes, not a mix. */
    @ParameterizedTest
    @ValueSource(strings = {RU, RC, RR, SER})
    void g0WriteCycles(String level) throws Exception {
        beginAll(level, t1, t2);
        t1.run("update test set v = 11 where id = 1");
        Future<Void> t2Update = t2.start("update test set v = 12 where id = 1");
        assertBlocked(t2Update);
        t1.run("update test set v = 21 where id = 2");
        t1.run("commit");
        if (readsCommitted(level)) {
            await(t2Update);
            t2.run("update test set v = 22 where id = 2");
            t2.run("commit");
            assertEquals(rows(1, 12, 2, 22), all());
        } else {
            assertEquals("40001", failure(t2Update));
            t2.run("rollback");
            assertEquals(rows(1, 11, 2, 21), all());
        }
    }

    /** OTV, observed transaction vanishes: a reader never sees half of a transaction. */
    @ParameterizedTest
    @ValueSource(strings = {RU, RC, RR, SER})
    void otvObservedTransactionVanishes(String level) throws Exception {
        beginAll(level, t1, t2, t3);
        t1.run("update test set v = 11 where id = 1");
        t1.run("update test set v = 19 where id = 2");
        Future<Void> t2Update = t2.start("update test set v = 12 where id = 1");
        assertBlocked(t2Update);
        t1.run("commit");
        assertEquals(rows(1, 11), t3.query("select id, v from test where id = 1"));
        if (readsCommitted(level)) {
            await(t2Update);
            t2.run("update test set v = 18 where id = 2");
            assertEquals(rows(2, 19), t3.query("select id, v from test where id = 2"));
            t2.run("commit");
            assertEquals(rows(2, 18), t3.query("select id, v from test where id = 2"));
            assertEquals(rows(1, 12), t3.query("select id, v from test where id = 1"));
        } else {
            assertEquals("40001", failure(t2Update));
            t2.run("rollback");
            assertEquals(rows(2, 19), t3.query("select id, v from test where id = 2"));
        }
        t3.run("commit");
    }

    /** P4, lost update: READ COMMITTED applies the second update on top; the others refuse it. */
    @ParameterizedTest
    @ValueSource(strings = {RU, RC, RR, SER})
    void p4LostUpdate(String level) throws Exception {
        beginAll(level, t1, t2);
        assertEquals(rows(1, 10), t1.query("select id, v from test where id = 1"));
        assertEquals(rows(1, 10), t2.query("select id, v from test where id = 1"));
        t1.run("update test set v = v + 1 where id = 1");
        Future<Void> t2Update = t2.start("update test set v = v + 1 where id = 1");
        assertBlocked(t2Update);
        t1.run("commit");
        if (readsCommitted(level)) {
            await(t2Update);
            t2.run("commit");
            assertEquals(rows(1, 12, 2, 20), all());
        } else {
            assertEquals("40001", failure(t2Update));
            t2.run("rollback");
            assertEquals(rows(1, 11, 2, 20), all());
        }
    }

    /** G2-item, write skew: only SERIALIZABLE refuses it, at the second commit. */
    @ParameterizedTest
    @ValueSource(strings = {RU, RC, RR, SER})
    void g2ItemWriteSkew(String level) throws Exception {
        beginAll(level, t1, t2);
        assertEquals(rows(1, 10, 2, 20), t1.query("select id, v from test where id = 1 or id = 2 order by id"));
        assertEquals(rows(1, 10, 2, 20), t2.query("select id, v from test where id = 1 or id = 2 order by id"));
        t1.run("update test set v = 11 where id = 1");
        t2.run("update test set v = 21 where id = 2");
        t1.run("commit");
        if (level.equals(SER)) {
            assertEquals("40001", t2.fails("commit"));
            assertEquals(rows(1, 11, 2, 20), all());
        } else {
            t2.run("commit");
            assertEquals(rows(1, 11, 2, 21), all());
        }
    }

    /** G2, anti-dependency cycles over a predicate: only SERIALIZABLE refuses the second commit. */
    @ParameterizedTest
    @ValueSource(strings = {RU, RC, RR, SER})
    void g2AntiDependencyCycles(String level) throws Exception {
        beginAll(level, t1, t2);
        assertEquals(List.of(), t1.query("select id, v from test where v = 30 or v = 42"));
        assertEquals(List.of(), t2.query("select id, v from test where v = 30 or v = 42"));
        t1.run("insert into test values (3, 30)");
        t2.run("insert into test values (4, 42)");
        t1.run("commit");
        if (level.equals(SER)) {
            assertEquals("40001", t2.fails("commit"));
            assertEquals(rows(1, 10, 2, 20, 3, 30), all());
        } else {
            t2.run("commit");
            assertEquals(rows(1, 10, 2, 20, 3, 30, 4, 42), all());
        }
    }

    /**
     * Two writers crossing each other: the first to wait is the first to look for the deadlock
     * (after PostgreSQL's deadlock_timeout, here a fifth of a second) and fails with 40P01.
     */
    @Test
    void deadlockAbortsTheFirstWaiter() throws Exception {
        beginAll(RC, t1, t2);
        t1.run("update test set v = 11 where id = 1");
        t2.run("update test set v = 22 where id = 2");
        Future<Void> t1Waits = t1.start("update test set v = 12 where id = 2");
        Thread.sleep(100);
        Future<Void> t2Waits = t2.start("update test set v = 21 where id = 1");
        assertEquals("40P01", failure(t1Waits));
        // the failed transaction gives up its locks at once; its block waits for ROLLBACK
        await(t2Waits);
        t1.run("rollback");
        t2.run("commit");
        assertEquals(rows(1, 21, 2, 22), all());
    }

    @Test
    void lockTimeoutEndsTheWaitWith55P03() throws Exception {
        beginAll(RC, t1, t2);
        t1.run("update test set v = 11 where id = 1");
        t2.run("set lock_timeout = '200ms'");
        assertEquals("55P03", t2.fails("update test set v = 12 where id = 1"));
        t2.run("rollback");
        t1.run("commit");
        assertEquals(rows(1, 11, 2, 20), all());
    }

    @Test
    void forUpdateWithNowaitAndSkipLocked() throws Exception {
        beginAll(RC, t1, t2);
        assertEquals(rows(1, 10), t1.query("select id, v from test where id = 1 for update"));
        assertEquals("55P03", t2.fails("select id, v from test where id = 1 for update nowait"));
        t2.run("rollback");
        t2.run("begin");
        assertEquals(rows(2, 20), t2.query("select id, v from test order by id for update skip locked"));
        Future<Void> t2Update = t2.start("update test set v = v + 1 where id = 1");
        assertBlocked(t2Update);
        t1.run("update test set v = 100 where id = 1");
        t1.run("commit");
        await(t2Update);
        t2.run("commit");
        assertEquals(rows(1, 101, 2, 20), all());
    }

    @Test
    void lockTableMakesWritersWaitAndDropWaitsForReaders() throws Exception {
        beginAll(RC, t1, t2);
        t1.run("lock table test in exclusive mode");
        assertEquals(rows(1, 10), t2.query("select id, v from test where id = 1"));
        Future<Void> t2Insert = t2.start("insert into test values (3, 30)");
        assertBlocked(t2Insert);
        t1.run("commit");
        await(t2Insert);
        t2.run("commit");

        t1.run("begin");
        assertEquals(3, t1.query("select id from test").size());
        Future<Void> drop = t2.start("drop table test");
        assertBlocked(drop);
        t1.run("commit");
        await(drop);
    }

    /**
     * A foreign key check locks the parent row it found (FOR KEY SHARE): a concurrent delete of
     * the parent waits, then fails with 23503 once the new child row has committed.
     */
    @Test
    void aNewChildRowKeepsItsParentFromADeleteThatStartedMeanwhile() throws Exception {
        try (Connection setup = connect()) {
            Sql.execute(setup, "drop table if exists fk_child");
            Sql.execute(setup, "drop table if exists fk_parent");
            Sql.execute(setup, "create table fk_parent (id int primary key)");
            Sql.execute(setup, "create table fk_child (id int primary key, parent int references fk_parent)");
            Sql.execute(setup, "insert into fk_parent values (1)");
        }
        beginAll(RC, t1, t2);
        t1.run("insert into fk_child values (10, 1)");
        Future<Void> delete = t2.start("delete from fk_parent where id = 1");
        assertBlocked(delete);
        t1.run("commit");
        assertEquals("23503", failure(delete));
        t2.run("rollback");
        try (Connection setup = connect()) {
            Sql.execute(setup, "drop table fk_child");
            Sql.execute(setup, "drop table fk_parent");
        }
    }
}
