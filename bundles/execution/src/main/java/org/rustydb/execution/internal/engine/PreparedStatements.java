package org.rustydb.execution.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.execute.Execute;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.Coercions;
import org.rustydb.execution.internal.binder.ExpressionBinder;
import org.rustydb.execution.internal.binder.Scope;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/**
 * The prepared statements of each session (PREPARE, EXECUTE, DEALLOCATE), parsed once; they
 * are bound again at each EXECUTE with the parameter values, so a change of the tables between
 * executions is always seen. They go when their session ends.
 */
final class PreparedStatements {
    private final Map<Long, Map<String, ParsedStatement.Prepare>> bySession = new ConcurrentHashMap<>();

    private Map<String, ParsedStatement.Prepare> of(long session) {
        return bySession.computeIfAbsent(session, s -> new ConcurrentHashMap<>());
    }

    void prepare(long session, ParsedStatement.Prepare prepare) {
        if (of(session).putIfAbsent(prepare.name(), prepare) != null) {
            throw DbException.of(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"%s\" already exists",
                    prepare.name());
        }
    }

    void deallocate(long session, String name) {
        if (name == null) {
            bySession.remove(session);
            return;
        }
        if (of(session).remove(name) == null) {
            throw unknown(name);
        }
    }

    void sessionClosed(long session) {
        bySession.remove(session);
    }

    private static DbException unknown(String name) {
        return DbException.of(SqlState.UNDEFINED_PREPARED_STATEMENT, "prepared statement \"%s\" does not exist",
                name);
    }

    /** The statement EXECUTE names, and its parameter values as constants of their types. */
    record Execution(ParsedStatement.Sql statement, List<BoundExpr> parameters) {
    }

    /** The highest $n the statement uses: the number of parameters EXECUTE must give. */
    private static int highestParameter(ParsedStatement.Sql statement) {
        int highest = 0;
        for (org.rustydb.execution.internal.parser.Token t : statement.text().tokens()) {
            if (t.kind() == org.rustydb.execution.internal.parser.Token.Kind.PARAM) {
                try {
                    highest = Math.max(highest, Integer.parseInt(t.value().substring(1)));
                } catch (NumberFormatException tooLarge) {
                    highest = Integer.MAX_VALUE;
                }
            }
        }
        return highest;
    }

    Execution execution(long session, Execute execute, BindContext ctx) {
        String name = org.rustydb.execution.internal.parser.Identifiers.name(execute.getName());
        ParsedStatement.Prepare prepared = of(session).get(name);
        if (prepared == null) {
            throw unknown(name);
        }
        List<Expression> args = new ArrayList<>();
        if (execute.getExprList() != null) {
            for (Object e : execute.getExprList()) {
                args.add((Expression) e);
            }
        }
        int expected = Math.max(prepared.types().size(), highestParameter(prepared.statement()));
        if (args.size() != expected) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "wrong number of parameters for prepared statement \"%s\"",
                    name).withDetail("Expected " + expected + " parameters but got " + args.size() + ".");
        }
        ExpressionBinder binder = new ExpressionBinder(ctx);
        List<BoundExpr> values = new ArrayList<>();
        Object[] none = new Object[0];
        for (int i = 0; i < args.size(); i++) {
            BoundExpr bound = binder.bind(args.get(i), Scope.empty());
            if (i < prepared.types().size()) {
                DataType target = prepared.types().get(i);
                BoundExpr converted = Coercions.coerce(bound, target, Casts.Context.ASSIGNMENT);
                if (converted == null) {
                    throw DbException.of(SqlState.DATATYPE_MISMATCH,
                            "parameter $%d of type %s cannot be coerced to the expected type %s", i + 1,
                            bound.dataType().displayName(), target.displayName())
                            .withHint("You will need to rewrite or cast the expression.");
                }
                bound = converted;
            }
            values.add(bound instanceof Literal lit && lit.isUnknown() ? lit
                    : new Literal(bound.dataType(), bound.eval(none), 0));
        }
        return new Execution(prepared.statement(), values);
    }
}
