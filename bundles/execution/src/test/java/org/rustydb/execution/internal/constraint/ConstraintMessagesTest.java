package org.rustydb.execution.internal.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Session;
import org.rustydb.api.TransactionStatus;
import org.rustydb.execution.slt.TestDatabase;

/**
 * What the .test files cannot check: the details, hints, positions and notices of constraint
 * errors, each as PostgreSQL 15 reports it; and SET CONSTRAINTS in a multi-statement string.
 */
class ConstraintMessagesTest {
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

    private static void assertError(DbException e, String sqlState, String message, String detail) {
        assertEquals(sqlState, e.sqlState(), e.getMessage());
        assertEquals(message, e.getMessage());
        assertEquals(detail, e.detail());
    }

    @Test
    void rowViolationsShowTheFailingRow() {
        run("create table t (id int primary key, a text not null, b int check (b > 0), c boolean)");
        run("insert into t values (1, 'x', 1, true)");
        assertError(fail("insert into t values (1, 'y', 2, false)"), "23505",
                "duplicate key value violates unique constraint \"t_pkey\"", "Key (id)=(1) already exists.");
        assertError(fail("insert into t values (2, null, 2, false)"), "23502",
                "null value in column \"a\" of relation \"t\" violates not-null constraint",
                "Failing row contains (2, null, 2, f).");
        assertError(fail("update t set b = -1"), "23514", "new row for relation \"t\" violates check constraint \"t_b_check\"",
                "Failing row contains (1, x, -1, t).");
        String longText = "é".repeat(40);
        assertError(fail("insert into t values (3, '" + longText + "', 0, null)"), "23514",
                "new row for relation \"t\" violates check constraint \"t_b_check\"",
                "Failing row contains (3, " + "é".repeat(32) + "..., 0, null).");
    }

    @Test
    void checkDefinitionErrorsPointIntoTheStatement() {
        assertEquals(32, fail("create table bad (a int check (a + 1))").position());
        assertEquals(32, fail("create table bad (a int check (nosuch > 0))").position());
        assertEquals(32, fail("create table bad (a int check ((select 1) > 0))").position());
        assertEquals(39, fail("create table bad (a int check (a > 0) deferrable)").position());
        assertEquals(0, fail("create table bad (a int, check (a > 0) deferrable)").position());
    }

    @Test
    void foreignKeyViolationsNameTheKey() {
        run("create table p (id int primary key, x int, y text, unique (x, y))");
        run("create table c (a int references p, b text, d int, foreign key (d, b) references p (x, y))");
        assertError(fail("insert into c values (5, null, null)"), "23503",
                "insert or update on table \"c\" violates foreign key constraint \"c_a_fkey\"",
                "Key (a)=(5) is not present in table \"p\".");
        assertError(fail("insert into c values (null, 'q', 7)"), "23503",
                "insert or update on table \"c\" violates foreign key constraint \"c_d_b_fkey\"",
                "Key (d, b)=(7, q) is not present in table \"p\".");
        run("insert into p values (1, 7, 'q')");
        run("insert into c values (1, 'q', 7)");
        assertError(fail("delete from p"), "23503",
                "update or delete on table \"p\" violates foreign key constraint \"c_a_fkey\" on table \"c\"",
                "Key (id)=(1) is still referenced from table \"c\".");
        assertError(fail("update p set y = 'r'"), "23503",
                "update or delete on table \"p\" violates foreign key constraint \"c_d_b_fkey\" on table \"c\"",
                "Key (x, y)=(7, q) is still referenced from table \"c\".");
        assertError(fail("create table bad (a int references p, d text references p)"), "42804",
                "foreign key constraint \"bad_d_fkey\" cannot be implemented",
                "Key columns \"d\" and \"id\" are of incompatible types: text and integer.");
    }

    @Test
    void dropOfAReferencedTableNamesTheDependentsOrCascadesToThem() {
        run("create table p (id int primary key)");
        run("create table c (a int references p, b int references p)");
        run("create table e (a int references p)");
        DbException e = fail("drop table p");
        assertError(e, "2BP01", "cannot drop table p because other objects depend on it",
                "constraint c_a_fkey on table c depends on table p\n"
                        + "constraint c_b_fkey on table c depends on table p\n"
                        + "constraint e_a_fkey on table e depends on table p");
        assertEquals("Use DROP ... CASCADE to drop the dependent objects too.", e.hint());
        run("drop table e");
        notices.clear();
        run("drop table p cascade");
        assertEquals(1, notices.size());
        assertEquals("drop cascades to 2 other objects", notices.get(0).message());
        assertEquals("drop cascades to constraint c_a_fkey on table c\n"
                + "drop cascades to constraint c_b_fkey on table c", notices.get(0).detail());
        run("insert into c values (1, 2)");

        run("create table q (id int primary key)");
        run("create table r (a int references q)");
        notices.clear();
        run("drop table q cascade");
        assertEquals("drop cascades to constraint r_a_fkey on table r", notices.get(0).message());
        assertNull(notices.get(0).detail());
    }

    @Test
    void setConstraintsOutsideABlockWarnsAndAMultiStatementStringIsOneTransaction() {
        run("create table p (id int primary key)");
        run("create table c (a int references p deferrable)");
        notices.clear();
        run("set constraints all deferred");
        assertEquals("SET CONSTRAINTS can only be used in transaction blocks", notices.get(0).message());
        assertEquals(Notice.Severity.WARNING, notices.get(0).severity());
        // one implicit transaction: the check waits for its end, when the parent row is there
        run("set constraints all deferred; insert into c values (1); insert into p values (1)");
        assertError(fail("set constraints all deferred; insert into c values (2); insert into p values (3)"), "23503",
                "insert or update on table \"c\" violates foreign key constraint \"c_a_fkey\"",
                "Key (a)=(2) is not present in table \"p\".");
        assertError(fail("set constraints all deferred; insert into c values (4); commit"), "23503",
                "insert or update on table \"c\" violates foreign key constraint \"c_a_fkey\"",
                "Key (a)=(4) is not present in table \"p\".");
        assertEquals(TransactionStatus.IDLE, session.transactionStatus());
        assertThrows(DbException.class, () -> run("select * from p where id = 3; insert into c values (3)"));
    }

    @Test
    void aFailedCommitEndsTheBlock() {
        run("create table p (id int primary key)");
        run("create table c (a int references p deferrable initially deferred)");
        run("begin");
        run("insert into c values (1)");
        assertEquals(TransactionStatus.IN_TRANSACTION, session.transactionStatus());
        fail("commit");
        assertEquals(TransactionStatus.IDLE, session.transactionStatus());
        run("insert into p values (1)");
        run("begin; insert into c values (1); commit");
    }
}
