package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Isolation anomalies in the style of the Hermitage suite, over two real client connections to
 * the distribution, asserting the outcomes PostgreSQL 15 gives at the same level: the scenarios
 * in which no statement waits for a lock. Those in which one does, and write skew, are in
 * {@link BlockingAnomaliesIT}.
 */
class IsolationAnomaliesIT extends AgainstDistributionOrReference {
    /** PostgreSQL runs READ UNCOMMITTED as READ COMMITTED, and so do we: same outcomes. */
    private static final String RU = "read uncommitted";
    private static final String RC = "read committed";
    private static final String RR = "repeatable read";
    private static final String SER = "serializable";

    private static boolean readsCommitted(String level) {
        return level.equals(RC) || level.equals(RU);
    }

    private Connection t1;
    private Connection t2;

    @BeforeEach
    void setUp() throws Exception {
        try (Connection setup = connect()) {
            Sql.execute(setup, "drop table if exists test");
            Sql.execute(setup, "create table test (id int primary key, v int)");
            Sql.execute(setup, "insert into test values (1, 10), (2, 20)");
        }
        t1 = connect();
        t2 = connect();
    }

    @AfterEach
    void tearDown() throws Exception {
        t1.close();
        t2.close();
    }

    private static void begin(Connection c, String level) throws Exception {
        Sql.execute(c, "begin transaction isolation level " + level);
    }

    private static List<List<String>> rows(Connection c, String where) throws Exception {
        return Sql.query(c, "select id, v from test" + where + " order by id");
    }

    private static List<List<String>> row(int id, int v) {
        return List.of(List.of(Integer.toString(id), Integer.toString(v)));
    }

    /** G1a, aborted reads: never see a value a transaction that then rolls back wrote. */
    @ParameterizedTest
    @ValueSource(strings = {RU, RC, RR, SER})
    void g1aAbortedReads(String level) throws Exception {
        begin(t1, level);
        begin(t2, level);
        Sql.execute(t1, "update test set v = 101 where id = 1");
        assertEquals(List.of(List.of("1", "10"), List.of("2", "20")), rows(t2, ""));
        Sql.execute(t1, "rollback");
        assertEquals(List.of(List.of("1", "10"), List.of("2", "20")), rows(t2, ""));
        Sql.execute(t2, "commit");
    }

    /** G1b, intermediate reads: a reader sees only a transaction's final values. */
    @ParameterizedTest
    @ValueSource(strings = {RU, RC, RR, SER})
    void g1bIntermediateReads(String level) throws Exception {
        begin(t1, level);
        begin(t2, level);
        Sql.execute(t1, "update test set v = 101 where id = 1");
        assertEquals(row(1, 10), rows(t2, " where id = 1"));
        Sql.execute(t1, "update test set v = 11 where id = 1");
        Sql.execute(t1, "commit");
        // READ COMMITTED sees the final value; REPEATABLE READ keeps its snapshot
        assertEquals(row(1, readsCommitted(level) ? 11 : 10), rows(t2, " where id = 1"));
        Sql.execute(t2, "commit");
    }

    /** G1c, circular information flow: neither sees the other's uncommitted write. */
    @ParameterizedTest
    @ValueSource(strings = {RU, RC, RR, SER})
    void g1cCircularInformationFlow(String level) throws Exception {
        begin(t1, level);
        begin(t2, level);
        Sql.execute(t1, "update test set v = 11 where id = 1");
        Sql.execute(t2, "update test set v = 22 where id = 2");
        assertEquals(row(2, 20), rows(t1, " where id = 2"));
        assertEquals(row(1, 10), rows(t2, " where id = 1"));
        Sql.execute(t1, "commit");
        if (level.equals(SER)) {
            // each read what the other overwrote: no serial order has both, so the second commit fails
            SQLException e = assertThrows(SQLException.class, () -> Sql.execute(t2, "commit"));
            assertEquals("40001", e.getSQLState());
        } else {
            Sql.execute(t2, "commit");
        }
    }

    /** PMP, predicate-many-preceders: a row another transaction inserts shows up only at READ COMMITTED. */
    @ParameterizedTest
    @ValueSource(strings = {RU, RC, RR, SER})
    void pmpPredicateManyPreceders(String level) throws Exception {
        begin(t1, level);
        begin(t2, level);
        assertEquals(List.of(), rows(t1, " where v = 30"));
        Sql.execute(t2, "insert into test values (3, 30)");
        Sql.execute(t2, "commit");
        assertEquals(readsCommitted(level) ? row(3, 30) : List.of(), rows(t1, " where v = 30"));
        Sql.execute(t1, "commit");
    }

    /** G-single, read skew: READ COMMITTED reads one committed change half; REPEATABLE READ does not. */
    @ParameterizedTest
    @ValueSource(strings = {RU, RC, RR, SER})
    void gSingleReadSkew(String level) throws Exception {
        begin(t1, level);
        begin(t2, level);
        assertEquals(row(1, 10), rows(t1, " where id = 1"));
        assertEquals(row(1, 10), rows(t2, " where id = 1"));
        assertEquals(row(2, 20), rows(t2, " where id = 2"));
        Sql.execute(t2, "update test set v = 12 where id = 1");
        Sql.execute(t2, "update test set v = 18 where id = 2");
        Sql.execute(t2, "commit");
        assertEquals(row(2, readsCommitted(level) ? 18 : 20), rows(t1, " where id = 2"));
        Sql.execute(t1, "commit");
    }
}
