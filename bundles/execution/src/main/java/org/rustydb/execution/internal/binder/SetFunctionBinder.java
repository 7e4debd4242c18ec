package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.SetFunctionCall;
import org.rustydb.execution.internal.types.DataType;

/**
 * Binds the set-returning functions a select list may call: generate_series over integers,
 * unnest(array) and information_schema._pg_expandarray(array). Each call becomes a column of
 * the level's ProjectSet node ({@link SetFunctions}); elsewhere they are refused with 0A000, as
 * PostgreSQL refuses them in WHERE and other clauses.
 */
final class SetFunctionBinder {
    static final String INFORMATION_SCHEMA = "information_schema";
    static final String EXPAND_ARRAY = "_pg_expandarray";

    private SetFunctionBinder() {
    }

    /** The call bound as a ProjectSet column, or null when {@code name} is no set-returning function. */
    static BoundExpr bind(BindContext ctx, ExpressionBinder binder, Function f, String name, Scope scope) {
        SetFunctionCall.Kind kind = switch (name) {
            case "generate_series" -> SetFunctionCall.Kind.GENERATE_SERIES;
            case "unnest" -> SetFunctionCall.Kind.UNNEST;
            case INFORMATION_SCHEMA + "." + EXPAND_ARRAY -> SetFunctionCall.Kind.EXPAND_ARRAY;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        int position = ctx.pos(f);
        SetFunctions functions = scope.setFunctions();
        if (functions == null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "set-returning functions are not allowed here").withPosition(position);
        }
        List<BoundExpr> args = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        scope.setFunctions(null); // a set-returning call in the arguments would need a ProjectSet below
        try {
            if (f.getParameters() != null) {
                for (Expression a : f.getParameters()) {
                    args.add(binder.bind(a, scope));
                    positions.add(ctx.pos(a));
                }
            }
        } finally {
            scope.setFunctions(functions);
        }
        SetFunctionCall call = switch (kind) {
            case GENERATE_SERIES -> series(args, positions, position);
            case UNNEST, EXPAND_ARRAY -> arrayCall(kind, name, args, position);
        };
        return functions.add(f.toString(), call);
    }

    private static SetFunctionCall series(List<BoundExpr> args, List<Integer> positions, int position) {
        DataType type = args.size() < 2 || args.size() > 3 ? null
                : Coercions.commonType(args, "generate_series", positions);
        if (type == null || !type.type().isInteger()) {
            throw DbException.of(SqlState.UNDEFINED_FUNCTION, "function generate_series(%s) does not exist",
                    String.join(", ", args.stream().map(b -> b.dataType().displayName()).toList()))
                    .withPosition(position);
        }
        if (type.type() == SqlType.SMALLINT) {
            type = DataType.INTEGER;
        }
        return new SetFunctionCall(SetFunctionCall.Kind.GENERATE_SERIES,
                Coercions.coerceAll(args, type, "generate_series", positions), type);
    }

    private static SetFunctionCall arrayCall(SetFunctionCall.Kind kind, String name, List<BoundExpr> args,
                                             int position) {
        if (args.size() == 1 && args.get(0).type() == SqlType.UNKNOWN && kind == SetFunctionCall.Kind.UNNEST) {
            // PostgreSQL also has unnest(tsvector), so an untyped literal matches two
            throw DbException.of(SqlState.AMBIGUOUS_FUNCTION, "function unnest(unknown) is not unique")
                    .withPosition(position)
                    .withHint("Could not choose a best candidate function. You might need to add explicit type casts.");
        }
        if (args.size() == 1 && args.get(0).type() == SqlType.UNKNOWN) {
            throw DbException.of(SqlState.DATATYPE_MISMATCH,
                    "could not determine polymorphic type because input has type unknown").withPosition(position);
        }
        if (args.size() != 1 || !args.get(0).type().isArray()) {
            throw DbException.of(SqlState.UNDEFINED_FUNCTION, "function %s(%s) does not exist", name,
                    String.join(", ", args.stream().map(b -> b.dataType().displayName()).toList()))
                    .withPosition(position)
                    .withHint("No function matches the given name and argument types. You might need to add explicit type casts.");
        }
        DataType array = args.get(0).dataType();
        DataType type = kind == SetFunctionCall.Kind.UNNEST ? array.element() : SetFunctionCall.expandArrayType(array);
        return new SetFunctionCall(kind, args, type);
    }
}
