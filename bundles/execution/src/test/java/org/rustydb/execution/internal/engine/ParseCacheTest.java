package org.rustydb.execution.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Results;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.exec.StatementHandler;

/** What the parse cache keeps, and when it parses again. */
class ParseCacheTest {
    private final ParseCache cache = new ParseCache(1_000_000);
    private final Map<String, StatementHandler> handlers = new HashMap<>();

    private List<ParsedStatement> parse(String sql) {
        return cache.parse(sql, keyword -> Optional.ofNullable(handlers.get(keyword)), false);
    }

    private ParsedStatement run(String sql) {
        List<ParsedStatement> parsed = cache.parse(sql, keyword -> Optional.ofNullable(handlers.get(keyword)), true);
        assertEquals(1, parsed.size());
        return parsed.get(0);
    }

    @Test
    void statementsThatDifferInTheirConstantsShareOneParse() {
        ParsedStatement.Templated first = assertInstanceOf(ParsedStatement.Templated.class,
                run("SELECT abalance FROM pgbench_accounts WHERE aid = 7"));
        ParsedStatement.Templated second = assertInstanceOf(ParsedStatement.Templated.class,
                run("SELECT abalance FROM pgbench_accounts WHERE aid = 123456"));
        assertSame(first.template(), second.template());
        assertEquals("123456", second.constants().constants().get(0).value());
        // a text is kept whole from its second coming on (most carry constants never seen again), then
        // it is the same statement each time (whose plan may be kept); preparing parses it as itself
        ParsedStatement again = run("SELECT abalance FROM pgbench_accounts WHERE aid = 7");
        assertNotSame(first, again);
        assertSame(first.template(), ((ParsedStatement.Templated) again).template());
        assertSame(again, run("SELECT abalance FROM pgbench_accounts WHERE aid = 7"));
        assertInstanceOf(ParsedStatement.Sql.class, parse("SELECT abalance FROM pgbench_accounts WHERE aid = 7").get(0));
        assertInstanceOf(ParsedStatement.Sql.class, run("SELECT a FROM t ORDER BY 1"), "a position is no constant");
        assertInstanceOf(ParsedStatement.Sql.class, cache.parse("SELECT 1; SELECT 2", keyword -> Optional.empty(),
                true).get(0), "only a single statement runs from a template");
    }

    @Test
    void queriesDmlAndTransactionControlAreParsedOnce() {
        String sql = "BEGIN; SELECT a FROM t WHERE b = 1; UPDATE t SET a = 2; COMMIT";
        List<ParsedStatement> first = parse(sql);
        assertSame(first, parse(sql));
        assertEquals(4, first.size());
        assertNotSame(first, parse(sql + " "), "another text is another entry");
    }

    @Test
    void ddlIsParsedEachTime() {
        String sql = "CREATE TABLE t (a int)";
        assertNotSame(parse(sql), parse(sql));
        String mixed = "SELECT 1; CREATE INDEX i ON t (a)";
        assertNotSame(parse(mixed), parse(mixed));
    }

    @Test
    void aHandlerRegisteredLaterTakesOverItsKeyword() {
        String sql = "SELECT 1";
        List<ParsedStatement> cached = parse(sql);
        assertSame(cached, parse(sql));
        handlers.put("SELECT", new StatementHandler() {
            @Override
            public String keyword() {
                return "SELECT";
            }

            @Override
            public void execute(SessionContext ctx, String statement, ResultSink sink) {
                sink.accept(Results.command("SELECT 0"));
            }
        });
        assertInstanceOf(ParsedStatement.Handled.class, parse(sql).get(0));
        handlers.clear();
        assertInstanceOf(ParsedStatement.Sql.class, parse(sql).get(0));
    }

    @Test
    void longStringsAreNotKept() {
        String sql = "SELECT '" + "x".repeat(ParseCache.MAX_CACHED_LENGTH) + "'";
        assertNotSame(parse(sql), parse(sql));
    }
}
