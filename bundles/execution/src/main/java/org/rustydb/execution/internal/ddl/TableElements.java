package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.rustydb.execution.internal.parser.StatementText;
import org.rustydb.execution.internal.parser.Token;

/**
 * The elements between the parentheses of CREATE TABLE, as tokens, split into column definitions
 * and table constraints in the order written, so that errors can point at the element concerned.
 */
final class TableElements {
    private static final Set<String> CONSTRAINT_STARTS = Set.of("constraint", "primary", "unique", "check",
            "foreign", "exclude", "like");

    private final StatementText text;
    private final List<List<Token>> columns = new ArrayList<>();
    private final List<List<Token>> constraints = new ArrayList<>();

    TableElements(StatementText text) {
        this.text = text;
        List<Token> tokens = text.tokens();
        int depth = 0;
        List<Token> current = null;
        for (Token t : tokens) {
            if (t.isPunct("(")) {
                depth++;
                if (depth == 1) {
                    current = new ArrayList<>();
                    continue;
                }
            } else if (t.isPunct(")")) {
                depth--;
                if (depth == 0) {
                    add(current);
                    break;
                }
            } else if (depth == 1 && t.isPunct(",")) {
                add(current);
                current = new ArrayList<>();
                continue;
            }
            if (current != null) {
                current.add(t);
            }
        }
    }

    private void add(List<Token> element) {
        if (element == null || element.isEmpty()) {
            return;
        }
        Token first = element.get(0);
        if (first.kind() == Token.Kind.WORD && CONSTRAINT_STARTS.contains(first.value())) {
            constraints.add(element);
        } else {
            columns.add(element);
        }
    }

    /** The position of the type of the i-th column definition, or 0. */
    int typePosition(int column) {
        if (column >= columns.size() || columns.get(column).size() < 2) {
            return 0;
        }
        return text.position(columns.get(column).get(1).start());
    }

    /** The position of the i-th table constraint, or 0. */
    int constraintPosition(int constraint) {
        return constraint < constraints.size() ? text.position(constraints.get(constraint).get(0).start()) : 0;
    }

    /** The position of the n-th (0-based) occurrence of a word in the i-th column definition, or 0. */
    int wordPosition(int column, String word, int occurrence) {
        if (column >= columns.size()) {
            return 0;
        }
        int seen = 0;
        for (Token t : columns.get(column)) {
            if (t.isWord(word) && seen++ == occurrence) {
                return text.position(t.start());
            }
        }
        return 0;
    }
}
