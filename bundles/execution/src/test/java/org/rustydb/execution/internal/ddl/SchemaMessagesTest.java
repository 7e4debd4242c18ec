package org.rustydb.execution.internal.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Session;
import org.rustydb.execution.slt.TestDatabase;

/**
 * What the .test files cannot check of CREATE/DROP SCHEMA: the details, hints and notices, as
 * PostgreSQL 15 words them.
 */
class SchemaMessagesTest {
    private final TestDatabase db = new TestDatabase();
    private final Session session = db.open();
    private final List<Notice> notices = new ArrayList<>();

    @AfterEach
    void close() {
        session.close();
    }

    private void run(String sql) {
        TestDatabase.run(session, sql, notices);
    }

    private DbException fail(String sql) {
        return assertThrows(DbException.class, () -> run(sql));
    }

    private void createSchemaWithDependents() {
        run("create schema s");
        run("create table s.t (id int primary key, v serial)");
        run("create table public.r (id int references s.t)");
        run("create view s.v as select * from s.t");
        run("create view public.pv as select * from s.v");
        run("create sequence s.q");
        run("create index on s.t (v)");
    }

    @Test
    void restrictNamesWhatTheSchemaHoldsAndWhatDependsOnIt() {
        createSchemaWithDependents();
        DbException e = fail("drop schema s");
        assertEquals("2BP01", e.sqlState());
        assertEquals("cannot drop schema s because other objects depend on it", e.getMessage());
        assertEquals("table s.t depends on schema s\n"
                + "constraint r_id_fkey on table r depends on table s.t\n"
                + "view s.v depends on schema s\n"
                + "view pv depends on view s.v\n"
                + "sequence s.q depends on schema s", e.detail());
        assertEquals("Use DROP ... CASCADE to drop the dependent objects too.", e.hint());
        run("create schema e");
        assertEquals("cannot drop desired object(s) because other objects depend on them",
                fail("drop schema e, s restrict").getMessage());
    }

    @Test
    void cascadeSaysWhatGoes() {
        createSchemaWithDependents();
        run("drop schema s cascade");
        assertEquals(1, notices.size());
        assertEquals("drop cascades to 5 other objects", notices.get(0).message());
        assertEquals("drop cascades to table s.t\n"
                + "drop cascades to constraint r_id_fkey on table r\n"
                + "drop cascades to view s.v\n"
                + "drop cascades to view pv\n"
                + "drop cascades to sequence s.q", notices.get(0).detail());
        notices.clear();
        run("create schema one");
        run("create table one.t (a int)");
        run("drop schema one cascade");
        assertEquals("drop cascades to table one.t", notices.get(0).message());
        notices.clear();
        run("set search_path = one, public");
        run("create schema one");
        run("create table one.t (a int)");
        run("drop schema one cascade");
        assertEquals("drop cascades to table t", notices.get(0).message());
    }

    @Test
    void skipsAndReservedNames() {
        run("create schema s");
        run("create schema if not exists s");
        assertEquals("schema \"s\" already exists, skipping", notices.get(0).message());
        run("drop schema if exists nope, s");
        assertEquals("schema \"nope\" does not exist, skipping", notices.get(1).message());
        DbException reserved = fail("create schema pg_mine");
        assertEquals("42939", reserved.sqlState());
        assertEquals("The prefix \"pg_\" is reserved for system schemas.", reserved.detail());
    }
}
