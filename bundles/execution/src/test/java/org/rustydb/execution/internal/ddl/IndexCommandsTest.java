package org.rustydb.execution.internal.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.api.TransactionStatus;
import org.rustydb.execution.slt.TestDatabase;

/** CREATE INDEX and DROP INDEX through a session: tags, notices, errors and generated names. */
class IndexCommandsTest {
    private final TestDatabase db = new TestDatabase();
    private final Session session = db.open();
    private final List<String> notices = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private final ResultSink sink = new ResultSink() {
        @Override
        public void accept(Result result) {
            while (result.next() != null) {
                // drain
            }
            tags.add(result.commandTag());
        }

        @Override
        public void notice(Notice notice) {
            notices.add(notice.sqlState() + " " + notice.message());
        }
    };

    @AfterEach
    void close() {
        session.close();
    }

    private List<String> run(String sql) {
        tags.clear();
        session.execute(sql, sink);
        return List.copyOf(tags);
    }

    private DbException fail(String sql, String sqlState, String message) {
        DbException e = assertThrows(DbException.class, () -> run(sql));
        assertEquals(sqlState, e.sqlState(), e.getMessage());
        assertEquals(message, e.getMessage());
        return e;
    }

    @Test
    void createIndexTagsAndGeneratedNames() {
        run("create table t (a int, b text, c int primary key)");
        assertEquals(List.of("CREATE INDEX", "CREATE INDEX", "CREATE INDEX", "CREATE INDEX"),
                run("create index on t (a); create index on t (a); create index on t (a, b);"
                        + " create unique index on t (b)"));
        // the generated names are taken: creating them again fails, dropping them works
        fail("create index t_a_idx1 on t (b)", "42P07", "relation \"t_a_idx1\" already exists");
        assertEquals(List.of("DROP INDEX"), run("drop index t_a_idx, t_a_idx1, t_a_b_idx, t_b_idx"));
        // a table name is taken too
        run("create table u_a_idx (x int); create table u (a int)");
        run("create index on u (a)");
        assertEquals(List.of("DROP INDEX"), run("drop index u_a_idx1"));
    }

    @Test
    void ifNotExistsSkipsWithANotice() {
        run("create table t (a int, b text)");
        run("create index i1 on t (a)");
        fail("create index i1 on t (a)", "42P07", "relation \"i1\" already exists");
        assertEquals(List.of("CREATE INDEX"), run("create index if not exists i1 on t (b)"));
        assertEquals(List.of("42P07 relation \"i1\" already exists, skipping"), notices);
        fail("create index t on t (a)", "42P07", "relation \"t\" already exists");
    }

    @Test
    void createIndexErrorsComeInPostgresOrder() {
        run("create table t (a int, b text)");
        fail("create index i on nosuch (a desc)", "42P01", "relation \"nosuch\" does not exist");
        fail("create index i on s.t (a)", "3F000", "schema \"s\" does not exist");
        fail("create index i on t using foo (nosuch)", "42704", "access method \"foo\" does not exist");
        fail("create index i on t (nosuch desc)", "42703", "column \"nosuch\" does not exist");
        fail("create index i on t (a desc nulls last)", "0A000", "DESC NULLS LAST is not supported yet");
        fail("create index i on t (a) where a > 1", "0A000", "partial indexes (WHERE) are not supported yet");
        fail("create index i on t ((a + 1))", "0A000", "index expressions are not supported yet");
        fail("create index i on t using hash (a)", "0A000", "index access method \"hash\" is not supported yet");
        fail("create index concurrently i on t (a)", "0A000", "CREATE INDEX CONCURRENTLY is not supported yet");
        assertEquals(List.of("CREATE INDEX"), run("create index i on only public.t using btree (a asc nulls last)"));
    }

    @Test
    void aUniqueIndexOverDuplicatesFailsAndIsEnforcedAfterwards() {
        run("create table t (a int, b text); insert into t values (1, 'x'), (1, 'y'), (null, 'z'), (null, 'w')");
        DbException e = assertThrows(DbException.class, () -> run("create unique index on t (a)"));
        assertEquals("23505", e.sqlState());
        run("create unique index on t (b)");
        e = assertThrows(DbException.class, () -> run("insert into t values (2, 'x')"));
        assertEquals("23505", e.sqlState());
        run("insert into t values (2, null), (3, null)");
    }

    @Test
    void dropIndexChecksEveryNameFirst() {
        run("create table t (a int primary key, b text); create index i1 on t (b)");
        fail("drop index nosuch", "42704", "index \"nosuch\" does not exist");
        fail("drop index i1, nosuch", "42704", "index \"nosuch\" does not exist");
        DbException e = fail("drop index t", "42809", "\"t\" is not an index");
        assertEquals("Use DROP TABLE to remove a table.", e.hint());
        e = fail("drop index t_pkey", "2BP01", "cannot drop index t_pkey because constraint t_pkey on table t requires it");
        assertEquals("You can drop constraint t_pkey on table t instead.", e.hint());
        e = fail("drop table i1", "42809", "\"i1\" is not a table");
        assertEquals("Use DROP INDEX to remove an index.", e.hint());
        fail("drop index s.i1", "3F000", "schema \"s\" does not exist");
        fail("drop index other.public.i1", "0A000", "cross-database references are not implemented: \"other.public.i1\"");
        fail("drop index concurrently i1", "0A000", "DROP INDEX CONCURRENTLY is not supported yet");
        assertEquals(List.of("DROP INDEX"), run("drop index if exists nosuch, s.x, i1, i1 cascade"));
        assertEquals(List.of("00000 index \"nosuch\" does not exist, skipping",
                "00000 schema \"s\" does not exist, skipping"), notices);
        fail("drop index i1", "42704", "index \"i1\" does not exist");
    }

    @Test
    void indexesShareTheRelationNamespaceAndGoWithTheirTable() {
        run("create table t (a int); create index i on t (a)");
        fail("create table i (x int)", "42P07", "relation \"i\" already exists");
        run("drop table t");
        fail("drop index i", "42704", "index \"i\" does not exist");
        run("create table t (b text); create index i on t (b)");
        assertEquals(List.of("DROP INDEX"), run("drop index i"));
    }

    @Test
    void indexDdlFollowsTheTransaction() {
        run("create table t (a int)");
        run("begin; create index i on t (a)");
        run("rollback");
        fail("drop index i", "42704", "index \"i\" does not exist");
        run("create index i on t (a)");
        run("begin; drop index i; rollback");
        assertEquals(List.of("DROP INDEX"), run("drop index i"));
        run("begin read only");
        fail("create index j on t (a)", "25006", "cannot execute CREATE INDEX in a read-only transaction");
        assertEquals(TransactionStatus.FAILED, session.transactionStatus());
        run("rollback");
    }
}
