package org.rustydb.operations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

class ErrorFormatTest {

    @Test
    void printsMessageWithSqlStateDetailAndHint() {
        DbException e = DbException.of("23505", "duplicate key value violates unique constraint \"t_pkey\"")
                .withDetail("Key (id)=(1) already exists.")
                .withHint("Use another key.");
        assertEquals(List.of(
                "ERROR: duplicate key value violates unique constraint \"t_pkey\" (SQLSTATE 23505)",
                "DETAIL: Key (id)=(1) already exists.",
                "HINT: Use another key."), ErrorFormat.lines(e));
    }

    @Test
    void pointsAtThePositionLikePsql() {
        DbException e = DbException.of("42P01", "relation \"nope\" does not exist").withPosition(15);
        assertEquals(List.of(
                "ERROR: relation \"nope\" does not exist (SQLSTATE 42P01)",
                "LINE 1: select * from nope",
                " ".repeat(22) + "^"), ErrorFormat.lines(e, "select * from nope"));
    }

    @Test
    void pointsIntoTheRightLineOfMultiLineText() {
        DbException e = DbException.of("42703", "column \"x\" does not exist").withPosition(23);
        assertEquals(List.of(
                "ERROR: column \"x\" does not exist (SQLSTATE 42703)",
                "LINE 2: from t where x = 1",
                " ".repeat(21) + "^"), ErrorFormat.lines(e, "select 1\nfrom t where x = 1"));
    }

    @Test
    void ignoresPositionOutsideTheText() {
        DbException e = DbException.of("42601", "syntax error at end of input").withPosition(99);
        assertEquals(List.of("ERROR: syntax error at end of input (SQLSTATE 42601)"),
                ErrorFormat.lines(e, "select"));
    }

    @Test
    void showsFatalSeverity() {
        DbException e = DbException.of("57P01", "terminating connection").withSeverity(DbException.Severity.FATAL);
        assertEquals(List.of("FATAL: terminating connection (SQLSTATE 57P01)"), ErrorFormat.lines(e));
    }
}
