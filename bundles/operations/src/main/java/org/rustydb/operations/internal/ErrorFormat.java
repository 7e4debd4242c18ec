package org.rustydb.operations.internal;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;

/**
 * Turns a {@link DbException} into the lines the shell prints: the message with its SQLSTATE,
 * then, like psql, the statement line with a caret under the error position, DETAIL and HINT.
 * Never a stack trace: the SQLSTATE is what a user or script acts on.
 */
public final class ErrorFormat {
    private ErrorFormat() {
    }

    /** The lines for an error that has no statement text to point into. */
    public static List<String> lines(DbException e) {
        return lines(e, null);
    }

    /**
     * The lines for an error of {@code statement}; the error's 1-based character position, when
     * set and inside the text, is shown as psql does ({@code LINE n: ...} and a caret).
     */
    public static List<String> lines(DbException e, String statement) {
        List<String> out = new ArrayList<>();
        out.add(e.severity() + ": " + e.getMessage() + " (SQLSTATE " + e.sqlState() + ")");
        if (statement != null && e.position() > 0) {
            addPositionLines(statement, e.position(), out);
        }
        if (e.detail() != null) {
            out.add("DETAIL: " + e.detail());
        }
        if (e.hint() != null) {
            out.add("HINT: " + e.hint());
        }
        return out;
    }

    private static void addPositionLines(String statement, int position, List<String> out) {
        int[] codePoints = statement.codePoints().toArray();
        if (position > codePoints.length) {
            return; // a position past the end would put the caret nowhere useful
        }
        int lineNumber = 1;
        int lineStart = 0;
        for (int i = 0; i < position - 1; i++) {
            if (codePoints[i] == '\n') {
                lineNumber++;
                lineStart = i + 1;
            }
        }
        int lineEnd = lineStart;
        while (lineEnd < codePoints.length && codePoints[lineEnd] != '\n') {
            lineEnd++;
        }
        String prefix = "LINE " + lineNumber + ": ";
        String text = new String(codePoints, lineStart, lineEnd - lineStart);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        // tabs would misplace the caret, so they print as single spaces
        out.add(prefix + text.replace('\t', ' '));
        out.add(" ".repeat(prefix.length() + position - 1 - lineStart) + "^");
    }
}
