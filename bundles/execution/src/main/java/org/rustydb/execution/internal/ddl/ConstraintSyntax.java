package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.parser.ExpressionText;
import org.rustydb.execution.internal.parser.StatementText;
import org.rustydb.execution.internal.parser.SyntaxErrors;
import org.rustydb.execution.internal.parser.Token;
import org.rustydb.spi.storage.ForeignKey;

/**
 * Reads the constraints of CREATE TABLE from the statement's tokens: after a column's type, or as
 * a table constraint. JSqlParser has accepted the statement already, but keeps column constraints
 * only as loose words, so they are read here with PostgreSQL's grammar and error messages.
 */
final class ConstraintSyntax {
    /** The words that end a column's type and start its constraints. */
    static final Set<String> COLUMN_CONSTRAINT_STARTS = Set.of("constraint", "not", "null", "check", "default",
            "unique", "primary", "references", "generated", "collate", "deferrable", "initially");

    private final StatementText text;
    private final List<Token> tokens;
    private int index;

    private ConstraintSyntax(StatementText text, List<Token> tokens, int from) {
        this.text = text;
        this.tokens = tokens;
        this.index = from;
    }

    /** The column constraints of a column definition's tokens (its name, type, constraints). */
    static List<ConstraintClause> column(StatementText text, List<Token> element) {
        int depth = 0;
        int i = 1;
        for (; i < element.size(); i++) {
            Token t = element.get(i);
            if (t.isPunct("(") || t.isPunct("[")) {
                depth++;
            } else if (t.isPunct(")") || t.isPunct("]")) {
                depth--;
            } else if (depth == 0 && i > 1 && t.kind() == Token.Kind.WORD && COLUMN_CONSTRAINT_STARTS.contains(t.value())) {
                break;
            }
        }
        return new ConstraintSyntax(text, element, i).columnClauses();
    }

    /** The table constraint of an element's tokens. */
    static ConstraintClause table(StatementText text, List<Token> element) {
        return new ConstraintSyntax(text, element, 0).tableClause();
    }

    private List<ConstraintClause> columnClauses() {
        List<ConstraintClause> clauses = new ArrayList<>();
        ConstraintTiming timing = null;
        int timingOwner = -1;
        while (!atEnd()) {
            Token start = peek();
            if (peekWord("deferrable") || peekWord("initially")
                    || (peekWord("not") && index + 1 < tokens.size() && tokens.get(index + 1).isWord("deferrable"))) {
                int at = position(start);
                String attribute = attribute();
                int last = clauses.size() - 1;
                ConstraintClause owner = last < 0 ? null : clauses.get(last);
                if (!(owner instanceof ConstraintClause.References || owner instanceof ConstraintClause.Key)) {
                    throw DbException.of(SqlState.SYNTAX_ERROR, "misplaced %s clause", attribute).withPosition(at);
                }
                if (timingOwner != last) {
                    timing = new ConstraintTiming();
                    timingOwner = last;
                }
                timing.columnAttribute(attribute, at);
                if (owner instanceof ConstraintClause.References r) {
                    clauses.set(last, new ConstraintClause.References(r.name(), r.position(), null,
                            r.target().withTiming(timing.deferrable(), timing.initiallyDeferred())));
                } else if (timing.deferrable()) {
                    throw unsupportedDeferrableKey(timing.firstPosition());
                }
                continue;
            }
            String name = null;
            if (acceptWord("constraint")) {
                name = identifier();
            }
            int position = position(start);
            if (acceptWord("not")) {
                expectWord("null");
                clauses.add(new ConstraintClause.Nullability(name, position, true));
            } else if (acceptWord("null")) {
                clauses.add(new ConstraintClause.Nullability(name, position, false));
            } else if (acceptWord("check")) {
                clauses.add(new ConstraintClause.Check(name, position, parenthesizedExpression()));
            } else if (acceptWord("unique")) {
                indexParameters();
                clauses.add(new ConstraintClause.Key(name, position, false, null));
            } else if (acceptWord("primary")) {
                expectWord("key");
                indexParameters();
                clauses.add(new ConstraintClause.Key(name, position, true, null));
            } else if (acceptWord("references")) {
                clauses.add(new ConstraintClause.References(name, position, null, target()));
            } else if (acceptWord("default")) {
                DdlTokens in = new DdlTokens(text, tokens, index, tokens.size());
                ExpressionText expression = in.expressionUntil(COLUMN_CONSTRAINT_STARTS);
                index = in.index;
                clauses.add(new ConstraintClause.Default(name, position, expression));
            } else if (acceptWord("generated")) {
                boolean always = acceptWord("always");
                if (!always) {
                    expectWord("by");
                    expectWord("default");
                }
                expectWord("as");
                if (peekPunct("(")) {
                    throw unsupported("generated columns are");
                }
                expectWord("identity");
                SequenceOptions options = new SequenceOptions();
                if (acceptPunct("(")) {
                    DdlTokens in = new DdlTokens(text, tokens, index, tokens.size());
                    options = SequenceOptions.read(in, true, false);
                    index = in.index;
                    if (!acceptPunct(")")) {
                        throw syntaxError();
                    }
                }
                clauses.add(new ConstraintClause.Identity(name, position, always, options));
            } else if (peekWord("collate")) {
                throw unsupported("COLLATE is");
            } else if (atEnd()) {
                throw SyntaxErrors.at(text, null);
            } else {
                throw unsupported("the column option " + text.sql().substring(peek().start(), peek().end()) + " is");
            }
        }
        return clauses;
    }

    private ConstraintClause tableClause() {
        Token start = peek();
        String name = null;
        if (acceptWord("constraint")) {
            name = identifier();
        }
        int position = position(start);
        Token kind = atEnd() ? null : peek();
        ConstraintClause clause;
        if (acceptWord("check")) {
            clause = new ConstraintClause.Check(name, position, parenthesizedExpression());
        } else if (acceptWord("unique")) {
            clause = new ConstraintClause.Key(name, position, false, columnList());
            indexParameters();
        } else if (acceptWord("primary")) {
            expectWord("key");
            clause = new ConstraintClause.Key(name, position, true, columnList());
            indexParameters();
        } else if (acceptWord("foreign")) {
            expectWord("key");
            List<String> columns = columnList();
            expectWord("references");
            clause = new ConstraintClause.References(name, position, columns, target());
        } else if (peekWord("exclude")) {
            throw unsupported("EXCLUDE constraints are");
        } else {
            throw SyntaxErrors.at(text, kind);
        }
        ConstraintTiming timing = new ConstraintTiming();
        while (!atEnd()) {
            int at = position(peek());
            timing.tableAttribute(attribute(), at);
        }
        if (timing.deferrable()) {
            if (clause instanceof ConstraintClause.Check) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "CHECK constraints cannot be marked DEFERRABLE");
            }
            if (clause instanceof ConstraintClause.Key) {
                throw unsupportedDeferrableKey(timing.firstPosition());
            }
        }
        if (clause instanceof ConstraintClause.References r) {
            return new ConstraintClause.References(r.name(), r.position(), r.columns(),
                    r.target().withTiming(timing.deferrable(), timing.initiallyDeferred()));
        }
        return clause;
    }

    /** REFERENCES' operands: table [(columns)] [MATCH ...] [ON DELETE action] [ON UPDATE action]. */
    private ConstraintClause.Target target() {
        String schema = null;
        String table = identifier();
        if (acceptPunct(".")) {
            schema = table;
            table = identifier();
            if (acceptPunct(".")) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented");
            }
        }
        List<String> columns = peekPunct("(") ? columnList() : null;
        boolean matchFull = false;
        if (peekWord("match")) {
            Token match = peek();
            index++;
            if (acceptWord("full")) {
                matchFull = true;
            } else if (peekWord("partial")) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "MATCH PARTIAL not yet implemented")
                        .withPosition(position(match));
            } else {
                expectWord("simple");
            }
        }
        ForeignKey.Action onDelete = null;
        ForeignKey.Action onUpdate = null;
        while (peekWord("on")) {
            index++;
            if (onDelete == null && acceptWord("delete")) {
                onDelete = action();
            } else if (onUpdate == null && acceptWord("update")) {
                onUpdate = action();
            } else {
                throw syntaxError();
            }
        }
        return new ConstraintClause.Target(schema, table, columns, matchFull,
                onDelete == null ? ForeignKey.Action.NO_ACTION : onDelete,
                onUpdate == null ? ForeignKey.Action.NO_ACTION : onUpdate, false, false);
    }

    private ForeignKey.Action action() {
        if (acceptWord("cascade")) {
            return ForeignKey.Action.CASCADE;
        }
        if (acceptWord("restrict")) {
            return ForeignKey.Action.RESTRICT;
        }
        if (acceptWord("no")) {
            expectWord("action");
            return ForeignKey.Action.NO_ACTION;
        }
        expectWord("set");
        ForeignKey.Action action;
        if (acceptWord("null")) {
            action = ForeignKey.Action.SET_NULL;
        } else {
            expectWord("default");
            action = ForeignKey.Action.SET_DEFAULT;
        }
        if (peekPunct("(")) {
            throw unsupported("column lists for SET NULL and SET DEFAULT actions are");
        }
        return action;
    }

    /** Index options after PRIMARY KEY or UNIQUE, none of which is supported. */
    private void indexParameters() {
        if (peekWord("include") || peekWord("with") || peekWord("using")) {
            throw unsupported("index parameters of constraints are");
        }
        if (peekWord("nulls")) {
            throw unsupported("NULLS [NOT] DISTINCT is");
        }
    }

    private ExpressionText parenthesizedExpression() {
        Token open = atEnd() ? null : peek();
        if (open == null || !open.isPunct("(")) {
            throw syntaxError();
        }
        int depth = 0;
        for (int i = index; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")") && --depth == 0) {
                index = i + 1;
                if (peekWord("no")) {
                    throw unsupported("NO INHERIT is");
                }
                return ExpressionText.parse(text, open.end(), t.start());
            }
        }
        throw SyntaxErrors.at(text, null);
    }

    private List<String> columnList() {
        if (!acceptPunct("(")) {
            throw syntaxError();
        }
        List<String> names = new ArrayList<>();
        do {
            names.add(identifier());
        } while (acceptPunct(","));
        if (!acceptPunct(")")) {
            throw syntaxError();
        }
        return names;
    }

    private String identifier() {
        if (atEnd() || (peek().kind() != Token.Kind.WORD && peek().kind() != Token.Kind.QUOTED_IDENT)) {
            throw syntaxError();
        }
        return tokens.get(index++).value();
    }

    /** Reads DEFERRABLE, NOT DEFERRABLE, INITIALLY DEFERRED or INITIALLY IMMEDIATE. */
    private String attribute() {
        if (acceptWord("deferrable")) {
            return "DEFERRABLE";
        }
        if (acceptWord("not")) {
            expectWord("deferrable");
            return "NOT DEFERRABLE";
        }
        expectWord("initially");
        if (acceptWord("deferred")) {
            return "INITIALLY DEFERRED";
        }
        expectWord("immediate");
        return "INITIALLY IMMEDIATE";
    }

    static DbException unsupportedDeferrableKey(int position) {
        return DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                "deferrable primary key and unique constraints are not supported yet").withPosition(position);
    }

    private DbException unsupported(String subject) {
        DbException e = DbException.of(SqlState.FEATURE_NOT_SUPPORTED, subject + " not supported yet");
        return atEnd() ? e : e.withPosition(position(peek()));
    }

    private int position(Token t) {
        return text.position(t.start());
    }

    private boolean atEnd() {
        return index >= tokens.size();
    }

    private Token peek() {
        return tokens.get(index);
    }

    private boolean peekWord(String word) {
        return !atEnd() && peek().isWord(word);
    }

    private boolean peekPunct(String punct) {
        return !atEnd() && peek().isPunct(punct);
    }

    private boolean acceptWord(String word) {
        if (peekWord(word)) {
            index++;
            return true;
        }
        return false;
    }

    private boolean acceptPunct(String punct) {
        if (peekPunct(punct)) {
            index++;
            return true;
        }
        return false;
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) {
            throw syntaxError();
        }
    }

    private DbException syntaxError() {
        return SyntaxErrors.at(text, atEnd() ? null : peek());
    }
}
