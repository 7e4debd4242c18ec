package org.rustydb.execution.internal.engine;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.parser.SqlParser;
import org.rustydb.spi.exec.StatementHandler;

/**
 * Parsed SQL strings, shared by all sessions: parsing (JSqlParser) costs more than binding and
 * running a point query, and applications send the same strings again and again. Only strings
 * whose statements are all queries, DML, transaction control or settings are kept; their parse
 * depends on the text alone, and the parse trees are only read after parsing. A registered
 * statement handler takes over a keyword at once: a hit is used only while no handler claims
 * the first keyword of any of its statements.
 */
final class ParseCache {
    /** Strings longer than this are parsed each time: they are rarely repeated and weigh a lot. */
    static final int MAX_CACHED_LENGTH = 16 * 1024;

    private final Cache<String, List<ParsedStatement>> parsed;

    ParseCache(long maxCachedCharacters) {
        parsed = Caffeine.newBuilder()
                .maximumWeight(maxCachedCharacters)
                // the tree is several times the text; the weight only needs to be proportional
                .weigher((String sql, List<ParsedStatement> statements) -> sql.length() + 64)
                .build();
    }

    /** The statements of {@code sql}, from the cache when they were parsed before. */
    List<ParsedStatement> parse(String sql, Function<String, Optional<StatementHandler>> handlers) {
        List<ParsedStatement> hit = parsed.getIfPresent(sql);
        if (hit != null && noHandlerClaims(hit, handlers)) {
            return hit;
        }
        List<ParsedStatement> statements = SqlParser.parse(sql, handlers);
        if (sql.length() <= MAX_CACHED_LENGTH && statements.stream().allMatch(ParseCache::cacheable)) {
            parsed.put(sql, statements);
        }
        return statements;
    }

    private static boolean noHandlerClaims(List<ParsedStatement> statements,
                                           Function<String, Optional<StatementHandler>> handlers) {
        for (ParsedStatement s : statements) {
            if (SqlParser.handler(s.text(), handlers).isPresent()) {
                return false;
            }
        }
        return true;
    }

    private static boolean cacheable(ParsedStatement statement) {
        if (statement instanceof ParsedStatement.Sql sql) {
            return sql.statement() instanceof Select || sql.statement() instanceof Insert
                    || sql.statement() instanceof Update || sql.statement() instanceof Delete
                    || sql.statement() instanceof Merge || sql.statement() instanceof Execute;
        }
        return statement instanceof ParsedStatement.TransactionControl
                || statement instanceof ParsedStatement.Setting;
    }
}
