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
import org.rustydb.execution.internal.parser.ConstantTemplate;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.parser.SqlParser;
import org.rustydb.execution.internal.parser.SqlScript;
import org.rustydb.execution.internal.parser.StatementText;
import org.rustydb.spi.exec.StatementHandler;

/**
 * Parsed SQL strings, shared by all sessions: parsing (JSqlParser) costs more than binding and
 * running a point query, and applications send the same strings again and again. Only strings
 * whose statements are all queries, DML, transaction control or settings are kept; their parse
 * depends on the text alone, and the parse trees are only read after parsing. A registered
 * statement handler takes over a keyword at once: a hit is used only while no handler claims
 * the first keyword of any of its statements.
 *
 * <p>A single query or DML statement runs from its {@link ConstantTemplate}, so statements that
 * differ only in their constants (a client that writes values into the text) share one parse;
 * the string is kept as that templated statement, whose plan may be kept as any other.
 * Preparing (the extended protocol) parses the string as itself: a prepared statement binds once.
 */
final class ParseCache {
    /** Strings longer than this are parsed each time: they are rarely repeated and weigh a lot. */
    static final int MAX_CACHED_LENGTH = 16 * 1024;

    /** What a template that does not parse as a query or DML statement is kept as. */
    private static final Object NOT_A_TEMPLATE = new Object();

    private final Cache<String, List<ParsedStatement>> parsed;
    /** Parsed templates (or {@link #NOT_A_TEMPLATE}) by their text. */
    private final Cache<String, Object> templates;
    /** Hashes of templated strings seen lately, one per slot: see {@link #seenBefore}. */
    private final int[] recentTemplated = new int[4096];

    ParseCache(long maxCachedCharacters) {
        parsed = Caffeine.newBuilder()
                .maximumWeight(maxCachedCharacters)
                // the tree is several times the text; the weight only needs to be proportional. A
                // templated statement keeps its tokens, and the constants of many such strings would
                // otherwise crowd out the parses that are worth keeping.
                .weigher((String sql, List<ParsedStatement> statements) -> statements.size() == 1
                        && statements.get(0) instanceof ParsedStatement.Templated ? 8 * sql.length() + 256
                        : sql.length() + 64)
                // maintenance on the caller's thread: waking a pool thread per statement costs more
                .executor(Runnable::run)
                .build();
        templates = Caffeine.newBuilder()
                .maximumWeight(maxCachedCharacters / 4)
                .weigher((String sql, Object statement) -> sql.length() + 64)
                .executor(Runnable::run)
                .build();
    }

    /**
     * The statements of {@code sql}, from the cache when they were parsed before, or (with
     * {@code fromTemplate}) run from a template when only their constants are new.
     */
    List<ParsedStatement> parse(String sql, Function<String, Optional<StatementHandler>> handlers,
                                boolean fromTemplate) {
        List<ParsedStatement> hit = parsed.getIfPresent(sql);
        if (hit != null && noHandlerClaims(hit, handlers)
                && (fromTemplate || !(hit.get(0) instanceof ParsedStatement.Templated))) {
            return hit;
        }
        if (fromTemplate && sql.length() <= MAX_CACHED_LENGTH) {
            ParsedStatement templated = templated(sql, handlers);
            if (templated != null) {
                List<ParsedStatement> statements = List.of(templated);
                if (seenBefore(sql)) {
                    parsed.put(sql, statements);
                }
                return statements;
            }
        }
        List<ParsedStatement> statements = SqlParser.parse(sql, handlers);
        if (sql.length() <= MAX_CACHED_LENGTH && statements.stream().allMatch(ParseCache::cacheable)) {
            parsed.put(sql, statements);
        }
        return statements;
    }

    /**
     * Whether the string came recently (by hash; a collision only keeps a string early), noting it
     * if not. A templated string is kept whole only on its second coming: a client writing new
     * constants into every statement would otherwise put each string into the cache, evicting
     * another, for a hit that never comes. Racy on purpose: a lost note delays a keep.
     */
    private boolean seenBefore(String sql) {
        int hash = sql.hashCode() | 1; // never 0, which marks a free slot
        int slot = (hash ^ hash >>> 16) & (recentTemplated.length - 1);
        if (recentTemplated[slot] == hash) {
            return true;
        }
        recentTemplated[slot] = hash;
        return false;
    }

    private ParsedStatement templated(String sql, Function<String, Optional<StatementHandler>> handlers) {
        List<StatementText> texts = SqlScript.split(sql);
        if (texts.size() != 1 || SqlParser.handler(texts.get(0), handlers).isPresent()) {
            return null;
        }
        Optional<ConstantTemplate> template = ConstantTemplate.of(texts.get(0));
        if (template.isEmpty()) {
            return null;
        }
        Object statement = templates.get(template.get().text(), t -> parseTemplate(template.get()));
        if (!(statement instanceof ParsedStatement.Sql parsedTemplate)) {
            return null;
        }
        return new ParsedStatement.Templated(texts.get(0), parsedTemplate, template.get());
    }

    private static Object parseTemplate(ConstantTemplate template) {
        try {
            ParsedStatement statement = SqlParser.parseStatement(template.statement());
            if (statement instanceof ParsedStatement.Sql sql && (sql.statement() instanceof Select
                    || sql.statement() instanceof Insert || sql.statement() instanceof Update
                    || sql.statement() instanceof Delete)) {
                return sql;
            }
        } catch (RuntimeException e) {
            // the statement as written gets the parser's error
        }
        return NOT_A_TEMPLATE;
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
