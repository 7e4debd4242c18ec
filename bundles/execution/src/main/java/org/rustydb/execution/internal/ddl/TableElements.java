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

    /** One element as written: a column definition or a table constraint, with its tokens. */
    record Element(boolean column, List<Token> tokens) {
    }

    private final StatementText text;
    private final List<List<Token>> columns = new ArrayList<>();
    private final List<Element> elements = new ArrayList<>();

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
        boolean constraint = first.kind() == Token.Kind.WORD && CONSTRAINT_STARTS.contains(first.value());
        if (constraint && first.isWord("exclude") && element.size() > 1 && !element.get(1).isPunct("(")
                && !element.get(1).isWord("using")) {
            constraint = false; // EXCLUDE is not a reserved word: here it names a column
        }
        if (!constraint) {
            columns.add(element);
        }
        elements.add(new Element(!constraint, List.copyOf(element)));
    }

    /** The elements in the order written. */
    List<Element> elements() {
        return elements;
    }

    /** The position of the type of the i-th column definition, or 0. */
    int typePosition(int column) {
        if (column >= columns.size() || columns.get(column).size() < 2) {
            return 0;
        }
        return text.position(columns.get(column).get(1).start());
    }
}
