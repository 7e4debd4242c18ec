package org.rustydb.execution.internal.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

class IndexStatementParserTest {

    private static IndexCommand parse(String sql) {
        List<ParsedStatement> parsed = SqlParser.parse(sql, k -> Optional.empty());
        return assertInstanceOf(ParsedStatement.Index.class, parsed.get(0)).command();
    }

    private static IndexCommand.CreateIndex create(String sql) {
        return assertInstanceOf(IndexCommand.CreateIndex.class, parse(sql));
    }

    private static DbException syntaxError(String sql) {
        DbException e = assertThrows(DbException.class, () -> parse(sql));
        assertEquals("42601", e.sqlState());
        return e;
    }

    @Test
    void readsTheFullCreateIndexForm() {
        IndexCommand.CreateIndex c = create(
                "CREATE UNIQUE INDEX IF NOT EXISTS \"My Idx\" ON ONLY Public.T USING BTREE (a ASC NULLS LAST, \"B\")"
                        + " NULLS DISTINCT");
        assertTrue(c.unique());
        assertTrue(c.ifNotExists());
        assertEquals("My Idx", c.name());
        assertEquals(new IndexCommand.QualifiedName(null, "public", "t"), c.table());
        assertEquals("btree", c.method());
        assertEquals(List.of("a", "B"), c.columns());
        assertNull(c.unsupported());
    }

    @Test
    void aNameIsOptionalUnlessIfNotExistsIsGiven() {
        IndexCommand.CreateIndex c = create("create index on t (a, b)");
        assertNull(c.name());
        assertEquals(List.of("a", "b"), c.columns());
        assertEquals("btree", c.method());
        DbException e = syntaxError("create index if not exists on t (b)");
        assertEquals("syntax error at or near \"on\"", e.getMessage());
        assertEquals(28, e.position());
    }

    @Test
    void syntaxErrorsAreThoseOfPostgres() {
        assertEquals("syntax error at or near \")\"", syntaxError("create index i7 on t ()").getMessage());
        assertEquals("syntax error at or near \")\"", syntaxError("create index iz on u (a,)").getMessage());
        assertEquals("syntax error at or near \"a\"", syntaxError("create index iz on u a").getMessage());
        assertEquals("syntax error at or near \"extra\"", syntaxError("create index iz on u (a) extra").getMessage());
        assertEquals("syntax error at or near \"desc\"", syntaxError("create index on u(a) desc").getMessage());
        assertEquals("syntax error at or near \".\"", syntaxError("create index s.i4 on t (a)").getMessage());
        assertEquals("syntax error at end of input", syntaxError("create index i on t ((a + 1)").getMessage());
        assertEquals("syntax error at or near \"if\"", syntaxError("drop if exists index i").getMessage());
        assertEquals("syntax error at or near \";\"", syntaxError("drop index i,;").getMessage());
    }

    @Test
    void unsupportedFeaturesAreRememberedForRunTime() {
        List<String[]> cases = List.of(
                new String[] {"create index i on t (a desc nulls last)", "DESC NULLS LAST is"},
                new String[] {"create index i on t (a nulls first)", "NULLS FIRST is"},
                new String[] {"create index i on t ((a + 1))", "index expressions are"},
                new String[] {"create index i on t (lower(b))", "index expressions are"},
                new String[] {"create index i on t (pg_catalog.lower(b))", "index expressions are"},
                new String[] {"create index i on t (a) where a > 1", "partial indexes (WHERE) are"},
                new String[] {"create index i on t (a) include (b)", "INCLUDE is"},
                new String[] {"create index concurrently i on t (a)", "CREATE INDEX CONCURRENTLY is"},
                new String[] {"create index concurrently on t (a)", "CREATE INDEX CONCURRENTLY is"},
                new String[] {"create index i on t (b collate \"C\")", "COLLATE in index columns is"},
                new String[] {"create index i on t (b text_pattern_ops)", "operator classes are"},
                new String[] {"create index i on t (a) nulls not distinct", "NULLS NOT DISTINCT is"},
                new String[] {"create index i on t (a) with (fillfactor = 50)", "index storage parameters are"},
                new String[] {"create index i on t (a) tablespace pg_default", "TABLESPACE is"});
        for (String[] c : cases) {
            assertEquals(c[1], parse(c[0]).unsupported(), c[0]);
        }
        IndexCommand.CreateIndex expression = create("create index i on t (a, (a + 1), b)");
        assertEquals(Arrays.asList("a", null, "b"), expression.columns());
        assertEquals("hash", create("create index i on t using hash (a)").method());
        assertNull(create("create index i on t using hash (a)").unsupported());
    }

    @Test
    void readsDropIndex() {
        IndexCommand.DropIndex d = assertInstanceOf(IndexCommand.DropIndex.class,
                parse("DROP INDEX IF EXISTS a, public.b, db.public.c CASCADE"));
        assertTrue(d.ifExists());
        assertEquals(List.of(new IndexCommand.QualifiedName(null, null, "a"),
                new IndexCommand.QualifiedName(null, "public", "b"),
                new IndexCommand.QualifiedName("db", "public", "c")), d.names());
        assertNull(d.unsupported());
        assertEquals("db.public.c", d.names().get(2).dotted());
        assertEquals("DROP INDEX CONCURRENTLY is", parse("drop index concurrently i restrict").unsupported());
    }

    @Test
    void otherCreateAndDropStatementsAreNotIndexStatements() {
        List<ParsedStatement> parsed = SqlParser.parse("create table t (a int); drop table t; create unique index i on t (a)",
                k -> Optional.empty());
        assertInstanceOf(ParsedStatement.Sql.class, parsed.get(0));
        assertInstanceOf(ParsedStatement.Sql.class, parsed.get(1));
        assertInstanceOf(ParsedStatement.Index.class, parsed.get(2));
    }
}
