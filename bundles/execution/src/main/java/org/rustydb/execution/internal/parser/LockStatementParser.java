package org.rustydb.execution.internal.parser;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.txn.LockMode;

/** Parses LOCK TABLE, which JSqlParser does not read as PostgreSQL writes it. */
final class LockStatementParser {
    static final String KEYWORD = "LOCK";

    private LockStatementParser() {
    }

    static ParsedStatement parse(StatementText text) {
        TokenCursor cursor = new TokenCursor(text);
        cursor.acceptWord("table");
        List<IndexCommand.QualifiedName> tables = new ArrayList<>();
        do {
            cursor.acceptWord("only");
            tables.add(QualifiedNames.read(cursor));
            cursor.acceptPunct("*");
        } while (cursor.acceptPunct(","));
        LockMode mode = LockMode.ACCESS_EXCLUSIVE;
        if (cursor.acceptWord("in")) {
            mode = mode(cursor);
            cursor.expectWord("mode");
        }
        boolean nowait = cursor.acceptWord("nowait");
        cursor.expectEnd();
        return new ParsedStatement.Lock(text, new LockCommand(tables, mode, nowait));
    }

    private static LockMode mode(TokenCursor cursor) {
        if (cursor.acceptWord("access")) {
            if (cursor.acceptWord("share")) {
                return LockMode.ACCESS_SHARE;
            }
            cursor.expectWord("exclusive");
            return LockMode.ACCESS_EXCLUSIVE;
        }
        if (cursor.acceptWord("row")) {
            if (cursor.acceptWord("share")) {
                return LockMode.ROW_SHARE;
            }
            cursor.expectWord("exclusive");
            return LockMode.ROW_EXCLUSIVE;
        }
        if (cursor.acceptWord("share")) {
            if (cursor.acceptWord("update")) {
                cursor.expectWord("exclusive");
                return LockMode.SHARE_UPDATE_EXCLUSIVE;
            }
            if (cursor.acceptWord("row")) {
                cursor.expectWord("exclusive");
                return LockMode.SHARE_ROW_EXCLUSIVE;
            }
            return LockMode.SHARE;
        }
        cursor.expectWord("exclusive");
        return LockMode.EXCLUSIVE;
    }
}
