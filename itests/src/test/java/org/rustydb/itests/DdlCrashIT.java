package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sequences, serial columns, defaults and altered tables survive a kill -9 of the server: after
 * recovery nextval never hands out a value it handed out before an acknowledged commit, rows
 * stored before ADD/DROP COLUMN read right, views keep their definitions, and a rolled-back ALTER
 * or DROP VIEW stays undone. Schemas created and committed are there after recovery, with what they
 * hold; one created by a transaction in progress at the crash, or dropped by a committed one, is not.
 */
class DdlCrashIT {
    private ServerProcess server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sequencesAlteredTablesAndViewsSurviveKill9() throws Exception {
        Path workDir = Distribution.workDir("ddl-crash");
        Path data = workDir.resolve("data");
        server = ServerProcess.start(workDir.resolve("first"), data);
        server.awaitReady(Duration.ofSeconds(60));
        long lastSeq;
        try (Connection connection = Sql.connect(server.port())) {
            Sql.execute(connection, "create sequence s");
            for (int i = 0; i < 40; i++) {
                Sql.execute(connection, "select nextval('s')");
            }
            lastSeq = Long.parseLong(Sql.query(connection, "select nextval('s')").get(0).get(0));
            Sql.execute(connection, "create table t (id serial primary key, a int, b text default 'bee')");
            Sql.execute(connection, "insert into t (a) values (1), (2), (3)");
            Sql.execute(connection, "alter table t add column c int not null default 7");
            Sql.execute(connection, "alter table t drop column a");
            Sql.execute(connection, "insert into t (b) values ('late')");
            Sql.execute(connection, "create view tv (ident, bee) as select id, b from t where id > 1");
            Sql.execute(connection, "create view tvv as select count(*) as n from tv");
            Sql.execute(connection, "begin");
            Sql.execute(connection, "drop view tvv");
            Sql.execute(connection, "create view never as select 1");
            Sql.execute(connection, "rollback");
            Sql.execute(connection, "begin");
            Sql.execute(connection, "alter table t add column gone int");
            Sql.execute(connection, "rollback");
            // nextval inside a transaction that never commits: the value is handed out all the same
            Sql.execute(connection, "begin");
            Sql.execute(connection, "select nextval('s')");
            Sql.execute(connection, "rollback");
            assertEquals(137, server.sigkill(Duration.ofSeconds(30)));
        }

        server = ServerProcess.start(workDir.resolve("second"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port())) {
            long next = Long.parseLong(Sql.query(connection, "select nextval('s')").get(0).get(0));
            assertTrue(next > lastSeq + 1, next + " after " + lastSeq);
            assertEquals(List.of(List.of("1", "bee", "7"), List.of("2", "bee", "7"), List.of("3", "bee", "7"),
                    List.of("4", "late", "7")), Sql.query(connection, "select * from t order by id"));
            assertEquals(List.of(List.of("4", "late")), Sql.query(connection, "select * from tv where bee = 'late'"));
            assertEquals(List.of(List.of("3")), Sql.query(connection, "select n from tvv"));
            java.sql.SQLException never = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> Sql.query(connection, "select * from never"));
            assertEquals("42P01", never.getSQLState(), never.getMessage());
            Sql.execute(connection, "insert into t (b) values ('after')");
            // the serial goes on past every value it may have handed out (logged ahead, as PostgreSQL does)
            List<List<String>> after = Sql.query(connection, "select * from t where id > 4");
            assertEquals(1, after.size());
            assertEquals(List.of("after", "7"), after.get(0).subList(1, 3));
            Sql.execute(connection, "drop table t cascade");
            // the serial column's sequence went with its table
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> Sql.query(connection, "select nextval('t_id_seq')"));
            assertEquals("42P01", e.getSQLState(), e.getMessage());
        }
    }

    @Test
    void columnTypeChangesSurviveKill9() throws Exception {
        Path workDir = Distribution.workDir("alter-type-crash");
        Path data = workDir.resolve("data");
        server = ServerProcess.start(workDir.resolve("first"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port()); Connection open = Sql.connect(server.port())) {
            Sql.execute(connection, "create table c (id int primary key, n text, v numeric(10,3))");
            Sql.execute(connection, "create index c_v on c (v)");
            Sql.execute(connection, "insert into c values (1, '10', 1.234), (2, '20', 2.345), (3, '30', 3.456)");
            Sql.execute(connection, "alter table c alter n type bigint using n::bigint, alter v type numeric(10,1)");
            Sql.execute(connection, "alter table c alter id type bigint");
            Sql.execute(connection, "begin");
            Sql.execute(connection, "alter table c alter n type text using 'rolled back'");
            Sql.execute(connection, "rollback");
            // in progress at the crash: its conversion must not show
            Sql.execute(open, "begin");
            Sql.execute(open, "alter table c alter v type text using 'pending'");
            assertEquals(137, server.sigkill(Duration.ofSeconds(30)));
        }

        server = ServerProcess.start(workDir.resolve("second"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port())) {
            assertEquals(List.of(List.of("1", "10", "1.2"), List.of("2", "20", "2.3"), List.of("3", "30", "3.5")),
                    Sql.query(connection, "select id, n + 0, v from c order by id"));
            assertEquals(List.of(List.of("bigint", "bigint", "numeric")),
                    Sql.query(connection, "select pg_typeof(id)::text, pg_typeof(n)::text, pg_typeof(v)::text "
                            + "from c where id = 1"));
            assertEquals(List.of(List.of("2")), Sql.query(connection, "select id from c where v = 2.3"));
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> Sql.execute(connection, "insert into c values (1, 0, 0)"));
            assertEquals("23505", e.getSQLState(), e.getMessage());
            Sql.execute(connection, "insert into c values (4, 40, 4.44)");
            assertEquals(List.of(List.of("4", "40", "4.4")), Sql.query(connection, "select * from c where id = 4"));
        }
    }

    @Test
    void committedSchemasSurviveKill9() throws Exception {
        Path workDir = Distribution.workDir("schema-crash");
        Path data = workDir.resolve("data");
        server = ServerProcess.start(workDir.resolve("first"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port()); Connection open = Sql.connect(server.port())) {
            Sql.execute(connection, "create schema kept");
            Sql.execute(connection, "create table kept.t (id serial primary key, v text)");
            Sql.execute(connection, "create index t_v on kept.t (v)");
            Sql.execute(connection, "insert into kept.t (v) values ('a'), ('b')");
            Sql.execute(connection, "create schema gone");
            Sql.execute(connection, "create table gone.x (a int)");
            Sql.execute(connection, "drop schema gone cascade");
            Sql.execute(connection, "begin");
            Sql.execute(connection, "create schema rolled_back");
            Sql.execute(connection, "rollback");
            Sql.execute(open, "begin");
            Sql.execute(open, "create schema pending");
            Sql.execute(open, "create table pending.p (a int)");
            assertEquals(137, server.sigkill(Duration.ofSeconds(30)));
        }

        server = ServerProcess.start(workDir.resolve("second"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port())) {
            Sql.execute(connection, "set search_path = kept, public");
            assertEquals(List.of(List.of("{kept,public}")), Sql.query(connection, "select current_schemas(false)"));
            assertEquals(List.of(List.of("1", "a"), List.of("2", "b")), Sql.query(connection, "select * from t order by id"));
            assertEquals(List.of(List.of("b")), Sql.query(connection, "select v from kept.t where v = 'b'"));
            for (String missing : List.of("gone", "rolled_back", "pending")) {
                java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        () -> Sql.execute(connection, "create table " + missing + ".y (a int)"));
                assertEquals("3F000", e.getSQLState(), e.getMessage());
            }
            Sql.execute(connection, "create schema pending");
            Sql.execute(connection, "create table pending.p (a int)");
            Sql.execute(connection, "insert into t (v) values ('c')");
            assertEquals(List.of(List.of("3")), Sql.query(connection, "select count(*) from kept.t"));
        }
    }
}
