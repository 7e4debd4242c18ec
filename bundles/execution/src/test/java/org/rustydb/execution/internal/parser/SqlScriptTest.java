package org.rustydb.execution.internal.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

class SqlScriptTest {

    private static List<String> texts(String sql) {
        return SqlScript.split(sql).stream().map(s -> s.text().strip()).toList();
    }

    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        assertEquals(List.of("select ';'", "select \"a;b\"", "select $x$ ; $x$", "select 1 -- ;", "select 2"),
                texts("select ';'; select \"a;b\"; select $x$ ; $x$; select 1 -- ;\n; select 2"));
        assertEquals(List.of("select /* ; /* ; */ ; */ 1"), texts("select /* ; /* ; */ ; */ 1;"));
    }

    @Test
    void emptyStatementsAreDropped() {
        assertTrue(SqlScript.split("").isEmpty());
        assertTrue(SqlScript.split(" ; ;; -- nothing\n /* at all */ ;").isEmpty());
        assertEquals(List.of("select 1"), texts(";;select 1;;"));
    }

    @Test
    void statementsKnowWhetherASemicolonEndsThem() {
        List<StatementText> s = SqlScript.split("select 1; select 2");
        assertTrue(s.get(0).terminated());
        assertTrue(!s.get(1).terminated());
        assertEquals("SELECT", s.get(1).firstKeyword());
    }

    @Test
    void decodesStringConstants() {
        List<Token> t = SqlLexer.tokenize("'it''s' E'a\\tb\\x41\\101\\u00e9' $$x'y$$ U&'d\\0061t' 'a'\n  'b' 'c'");
        assertEquals(List.of("it's", "a\tbAAé", "x'y", "dat", "ab", "c"), t.stream().map(Token::value).toList());
        assertEquals(Token.Kind.STRING, t.get(0).kind());
    }

    @Test
    void foldsUnquotedIdentifiers() {
        List<Token> t = SqlLexer.tokenize("SeLeCt \"MiXed\" ÄbC");
        assertEquals("select", t.get(0).value());
        assertEquals("MiXed", t.get(1).value());
        assertEquals(Token.Kind.QUOTED_IDENT, t.get(1).kind());
        assertEquals("Äbc", t.get(2).value(), "only ASCII letters fold");
    }

    @Test
    void operatorsFollowPostgresRules() {
        assertEquals(List.of("a", "=", "-", "1"), SqlLexer.tokenize("a=-1").stream().map(Token::value).toList());
        assertEquals(List.of("x", "::", "int", "<>", "2"),
                SqlLexer.tokenize("x::int<>2").stream().map(Token::value).toList());
    }

    @Test
    void reportsUnterminatedTokensWithPosition() {
        DbException e = assertThrows(DbException.class, () -> SqlScript.split("select 1, 'abc"));
        assertEquals("42601", e.sqlState());
        assertEquals("unterminated quoted string at or near \"'abc\"", e.getMessage());
        assertEquals(11, e.position());
        e = assertThrows(DbException.class, () -> SqlScript.split("select /* /* */"));
        assertEquals("unterminated /* comment at or near \"/* /* */\"", e.getMessage());
        e = assertThrows(DbException.class, () -> SqlScript.split("select E'\\xff'"));
        assertEquals("22021", e.sqlState());
    }
}
