package org.rustydb.client.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class SqlTextTest {
    private static String pg(String sql) throws SQLException {
        return SqlText.parse(sql, true).sql();
    }

    @Test
    void placeholdersAreNumbered() throws SQLException {
        assertEquals("select $1, $2 from t where a = $3", pg("select ?, ? from t where a = ?"));
        assertEquals(3, SqlText.parse("select ?, ? from t where a = ?", true).parameters());
    }

    @Test
    void literalsIdentifiersCommentsAndDollarQuotesAreLeftAlone() throws SQLException {
        assertEquals("select '?''?', \"a?\", $1 -- ?\n", pg("select '?''?', \"a?\", ? -- ?\n"));
        assertEquals("select /* ? /* ? */ ? */ $1", pg("select /* ? /* ? */ ? */ ?"));
        assertEquals("select $x$ ? $x$, $$?$$, $1", pg("select $x$ ? $x$, $$?$$, ?"));
        assertEquals("select E'\\'?', $1", pg("select E'\\'?', ?"));
        assertEquals("select $1 from t where b = $2", pg("select $1 from t where b = ?".replace("$1", "?")));
    }

    @Test
    void doubledQuestionMarksAreOperators() throws SQLException {
        assertEquals("select '{}'::jsonb ? 'a', $1", pg("select '{}'::jsonb ?? 'a', ?"));
    }

    @Test
    void jdbcEscapes() throws SQLException {
        assertEquals("select DATE '2024-01-01', TIMESTAMP '2024-01-01 00:00:00', abs(-1)",
                pg("select {d '2024-01-01'}, {ts '2024-01-01 00:00:00'}, {fn abs(-1)}"));
        assertEquals("select * from a left join b on a.x = b.x", pg("select * from {oj a left join b on a.x = b.x}"));
        assertEquals("42601", assertThrows(SQLException.class, () -> pg("select {d '2024")).getSQLState());
        assertEquals("0A000", assertThrows(SQLException.class, () -> pg("{call f(?)}")).getSQLState());
    }
}
