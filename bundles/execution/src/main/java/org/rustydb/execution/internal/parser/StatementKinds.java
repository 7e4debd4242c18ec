package org.rustydb.execution.internal.parser;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Names statements by their leading keywords, for "... is not supported yet" messages. */
final class StatementKinds {
    /** PostgreSQL's statement keywords; a syntax error in anything else is just a syntax error. */
    static final Set<String> POSTGRESQL_COMMANDS = Set.of("ABORT", "ALTER", "ANALYZE", "ANALYSE", "BEGIN", "CALL",
            "CHECKPOINT", "CLOSE", "CLUSTER", "COMMENT", "COMMIT", "COPY", "CREATE", "DEALLOCATE", "DECLARE", "DELETE",
            "DISCARD", "DO", "DROP", "END", "EXECUTE", "EXPLAIN", "FETCH", "GRANT", "IMPORT", "INSERT", "LISTEN",
            "LOAD", "LOCK", "MERGE", "MOVE", "NOTIFY", "PREPARE", "REASSIGN", "REFRESH", "REINDEX", "RELEASE", "RESET",
            "REVOKE", "ROLLBACK", "SAVEPOINT", "SECURITY", "SELECT", "SET", "SHOW", "START", "TABLE", "TRUNCATE",
            "UNLISTEN", "UPDATE", "VACUUM", "VALUES", "WITH");

    /** Kinds this engine runs, so that errors in them are reported as syntax errors. */
    static final Set<String> ENGINE_KINDS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "VALUES", "TABLE", "WITH",
            "CREATE TABLE", "DROP TABLE", "");

    private static final Set<String> MODIFIERS = Set.of("or", "replace", "temp", "temporary", "unique", "unlogged",
            "global", "local", "trusted", "procedural", "default", "recursive", "constraint", "if", "not", "exists");
    private static final Set<String> TWO_WORD_OBJECTS = Set.of("materialized", "foreign", "event", "access", "text",
            "user", "operator");

    private StatementKinds() {
    }

    /** E.g. {@code VACUUM}, {@code CREATE INDEX}, {@code ALTER TABLE}; empty if it starts with a non-word. */
    static String describe(StatementText text) {
        List<Token> tokens = text.tokens();
        String first = text.firstKeyword();
        if (!first.equals("CREATE") && !first.equals("DROP") && !first.equals("ALTER")) {
            return first;
        }
        int i = 1;
        while (i < tokens.size() && tokens.get(i).kind() == Token.Kind.WORD && MODIFIERS.contains(tokens.get(i).value())
                && !(first.equals("ALTER") && tokens.get(i).isWord("default"))) {
            i++;
        }
        StringBuilder kind = new StringBuilder(first);
        if (i < tokens.size() && tokens.get(i).kind() == Token.Kind.WORD) {
            kind.append(' ').append(tokens.get(i).value().toUpperCase(Locale.ROOT));
            if (TWO_WORD_OBJECTS.contains(tokens.get(i).value()) && i + 1 < tokens.size()
                    && tokens.get(i + 1).kind() == Token.Kind.WORD) {
                kind.append(' ').append(tokens.get(i + 1).value().toUpperCase(Locale.ROOT));
            }
        }
        return kind.toString();
    }
}
