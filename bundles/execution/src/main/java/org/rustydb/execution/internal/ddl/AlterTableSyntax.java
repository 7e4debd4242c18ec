package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.parser.ExpressionText;
import org.rustydb.execution.internal.parser.StatementText;
import org.rustydb.execution.internal.parser.Token;

/** Reads ALTER TABLE with PostgreSQL's grammar, for the actions {@link AlterTableCommand} runs. */
final class AlterTableSyntax {
    /** One action of the statement. */
    sealed interface Action {
    }

    /** ADD [COLUMN] [IF NOT EXISTS] name type [column constraints]. */
    record AddColumn(boolean ifNotExists, String name, String typeName, List<String> typeArguments, boolean array,
                     int typePosition, List<ConstraintClause> clauses, int position) implements Action {
    }

    record DropColumn(boolean ifExists, String name, boolean cascade) implements Action {
    }

    record RenameColumn(String from, String to) implements Action {
    }

    /** OWNER TO role; null for CURRENT_USER and the like. */
    record OwnerTo(String role) implements Action {
    }

    record RenameTable(String to) implements Action {
    }

    /** ALTER [COLUMN] name SET DEFAULT expression, or DROP DEFAULT when {@code expression} is null. */
    record SetDefault(String column, ExpressionText expression) implements Action {
    }

    record SetNotNull(String column, boolean notNull) implements Action {
    }

    record AddConstraint(ConstraintClause clause) implements Action {
    }

    record DropConstraint(boolean ifExists, String name, boolean cascade) implements Action {
    }

    /** ALTER [COLUMN] name [SET DATA] TYPE type [COLLATE collation] [USING expression]: see {@link AlterColumnType}. */
    record AlterType(String column, String typeName, List<String> typeArguments, boolean array, int typePosition,
                     String collation, ExpressionText using) implements Action {
    }

    private static final Set<String> TYPE_END = ConstraintSyntax.COLUMN_CONSTRAINT_STARTS;

    private AlterTableSyntax() {
    }

    static DdlCommand parse(StatementText text) {
        DdlTokens in = new DdlTokens(text, 1);
        in.expectWord("table");
        boolean ifExists = in.acceptWords("if", "exists");
        in.acceptWord("only");
        String[] table = in.qualifiedName();
        if (!in.atEnd() && in.peek().value().equals("*")) {
            in.next();
        }
        List<Action> actions = new ArrayList<>();
        if (in.acceptWord("rename")) {
            if (in.acceptWord("to")) {
                actions.add(new RenameTable(in.name()));
            } else if (in.acceptWord("constraint")) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE RENAME CONSTRAINT is not supported yet");
            } else {
                in.acceptWord("column");
                String from = in.name();
                in.expectWord("to");
                actions.add(new RenameColumn(from, in.name()));
            }
            in.expectEnd();
            return new AlterTableCommand(ifExists, table, actions);
        }
        do {
            actions.add(action(in));
        } while (in.acceptPunct(","));
        in.expectEnd();
        return new AlterTableCommand(ifExists, table, actions);
    }

    private static Action action(DdlTokens in) {
        int position = in.position();
        if (in.acceptWords("owner", "to")) {
            return new OwnerTo(RoleSpecs.read(in));
        }
        if (in.acceptWord("add")) {
            if (in.peekWord("constraint") || in.peekWord("check") || in.peekWord("unique") || in.peekWord("primary")
                    || in.peekWord("foreign") || in.peekWord("exclude")) {
                int from = in.index;
                int end = elementEnd(in);
                List<Token> tokens = in.text.tokens().subList(from, end);
                in.index = end;
                return new AddConstraint(ConstraintSyntax.table(in.text, tokens));
            }
            in.acceptWord("column");
            boolean ifNotExists = in.acceptWords("if", "not", "exists");
            int from = in.index;
            String name = in.name();
            DdlTokens.TypeName type = in.typeName(t -> TYPE_END.contains(t.value()));
            int end = elementEnd(in);
            List<Token> element = new ArrayList<>(in.text.tokens().subList(from, end));
            // ConstraintSyntax.column reads constraints after the name and type: hand it name + rest
            List<Token> forClauses = new ArrayList<>();
            forClauses.add(element.get(0));
            forClauses.add(element.get(0));
            forClauses.addAll(in.text.tokens().subList(in.index, end));
            in.index = end;
            return new AddColumn(ifNotExists, name, type.name(), type.arguments(), type.array(), type.position(),
                    ConstraintSyntax.column(in.text, forClauses), position);
        }
        if (in.acceptWord("drop")) {
            if (in.acceptWord("constraint")) {
                boolean ifExists = in.acceptWords("if", "exists");
                String name = in.name();
                return new DropConstraint(ifExists, name, behavior(in));
            }
            in.acceptWord("column");
            boolean ifExists = in.acceptWords("if", "exists");
            String name = in.name();
            return new DropColumn(ifExists, name, behavior(in));
        }
        if (in.acceptWord("alter")) {
            in.acceptWord("column");
            String column = in.name();
            if (in.peekWord("type") || (in.peekWord("set") && in.peekWordAt(1, "data"))) {
                return AlterColumnType.parse(in, column);
            }
            if (in.acceptWord("set")) {
                if (in.acceptWord("default")) {
                    return new SetDefault(column, in.expressionUntil(Set.of()));
                }
                if (in.acceptWords("not", "null")) {
                    return new SetNotNull(column, true);
                }
                throw unsupported(in, "this form of ALTER COLUMN SET is");
            }
            if (in.acceptWord("drop")) {
                if (in.acceptWord("default")) {
                    return new SetDefault(column, null);
                }
                if (in.acceptWords("not", "null")) {
                    return new SetNotNull(column, false);
                }
                throw unsupported(in, "this form of ALTER COLUMN DROP is");
            }
            throw unsupported(in, "this form of ALTER COLUMN is");
        }
        throw unsupported(in, "this ALTER TABLE action is");
    }

    private static boolean behavior(DdlTokens in) {
        if (in.acceptWord("cascade")) {
            return true;
        }
        in.acceptWord("restrict");
        return false;
    }

    /** The index after the tokens of one action: up to a top-level comma or the end. */
    private static int elementEnd(DdlTokens in) {
        int depth = 0;
        List<Token> tokens = in.text.tokens();
        for (int i = in.index; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct("(") || t.isPunct("[")) {
                depth++;
            } else if (t.isPunct(")") || t.isPunct("]")) {
                depth--;
            } else if (depth == 0 && t.isPunct(",")) {
                return i;
            }
        }
        return tokens.size();
    }

    private static DbException unsupported(DdlTokens in, String subject) {
        return DbException.of(SqlState.FEATURE_NOT_SUPPORTED, subject + " not supported yet");
    }
}
