package org.rustydb.execution.internal.binder;

import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.CastExpr;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.expr.Parameter;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/**
 * Type coercion of bound expressions: converting unknown-typed constants once their type is
 * known, inserting casts, and PostgreSQL's common-type resolution for CASE and COALESCE.
 */
public final class Coercions {
    private Coercions() {
    }

    /**
     * Converts an expression to {@code target} in the given context, or returns null when no such
     * conversion exists. An unknown constant is converted now; a bad value fails with its position.
     */
    public static BoundExpr coerce(BoundExpr e, DataType target, Casts.Context context) {
        DataType source = e.dataType();
        // a smaller modifier fits a larger one, except numeric(p,s) and character(n), which may change the value
        boolean widens = source.typmod() >= 0 && source.typmod() <= target.typmod()
                && source.type() != SqlType.NUMERIC && source.type() != SqlType.CHAR;
        if (source.type() == target.type() && (target.typmod() < 0 || source.typmod() == target.typmod() || widens)) {
            return e;
        }
        if (e instanceof Literal literal && literal.isUnknown()) {
            return convertLiteral(literal, target, context == Casts.Context.EXPLICIT);
        }
        if (e instanceof Parameter p && p.isUnknown()) {
            // the context gives the parameter its type; a modifier is then applied like a cast's
            return coerce(p.resolve(target), target, context);
        }
        if (!Casts.canCast(source.type(), target.type(), context)) {
            return null;
        }
        if (source.type().isString() && target.type().isString() && target.typmod() < 0) {
            // text and varchar share their representation; only the declared type changes.
            return new CastExpr(e, target, true);
        }
        return new CastExpr(e, target, context == Casts.Context.EXPLICIT);
    }

    /** Parses an unknown constant as a value of {@code target}; errors carry the constant's position. */
    public static Literal convertLiteral(Literal literal, DataType target, boolean explicit) {
        if (literal.value() == null) {
            return new Literal(target, null, literal.position());
        }
        Object value;
        try {
            value = Casts.fromText((String) literal.value(), DataType.of(target.type()));
        } catch (DbException ex) {
            throw ex.position() == 0 ? ex.withPosition(literal.position()) : ex;
        }
        // A type modifier applies after parsing in PostgreSQL, so its errors have no position.
        if (target.typmod() >= 0) {
            value = Casts.convert(value, target.type(), target, explicit);
        }
        return new Literal(target, value, literal.position());
    }

    /** Unknown constants and parameters become text, as PostgreSQL resolves them in output columns. */
    public static BoundExpr resolveUnknown(BoundExpr e) {
        if (e instanceof Literal literal && literal.isUnknown()) {
            return new Literal(DataType.TEXT, literal.value(), literal.position());
        }
        if (e instanceof Parameter p && p.isUnknown()) {
            return p.resolve(DataType.TEXT);
        }
        return e;
    }

    /**
     * A boolean condition: unknown constants are parsed as booleans, anything else not boolean fails
     * with {@code argument of WHERE must be type boolean, not type integer} (42804).
     */
    public static BoundExpr requireBoolean(BoundExpr e, String construct, int position) {
        if (e.type() == SqlType.BOOLEAN) {
            return e;
        }
        if (e instanceof Literal literal && literal.isUnknown()) {
            return convertLiteral(literal, DataType.BOOLEAN, false);
        }
        if (e instanceof Parameter p && p.isUnknown()) {
            return p.resolve(DataType.BOOLEAN);
        }
        throw DbException.of(SqlState.DATATYPE_MISMATCH, "argument of %s must be type boolean, not type %s",
                construct, e.dataType().displayName()).withPosition(position);
    }

    /**
     * PostgreSQL's type category: N numeric, S string, B boolean, D date/time, T timespan
     * (interval), A array, U user-defined (bytea, uuid, json, jsonb), X unknown.
     */
    static char category(SqlType t) {
        if (t.isNumeric()) {
            return 'N';
        }
        if (t == SqlType.UNKNOWN) {
            return 'X';
        }
        if (t.isString()) {
            return 'S';
        }
        if (t.isDateTime()) {
            return 'D';
        }
        if (t.isArray()) {
            return 'A';
        }
        return switch (t) {
            case BOOLEAN -> 'B';
            case INTERVAL -> 'T';
            default -> 'U';
        };
    }

    /** The preferred type of each category: text, boolean, double precision, timestamptz, interval. */
    static boolean isPreferred(SqlType t) {
        return t == SqlType.TEXT || t == SqlType.BOOLEAN || t == SqlType.DOUBLE || t == SqlType.TIMESTAMPTZ
                || t == SqlType.INTERVAL;
    }

    /**
     * The common type of CASE results or COALESCE arguments (PostgreSQL's select_common_type):
     * the first known type, switched to a later one the first converts to implicitly but not back;
     * unknown only when all are unknown, which resolves to text.
     *
     * @param construct e.g. CASE or COALESCE, for {@code CASE types integer and text cannot be matched}
     * @param positions the position of each expression
     */
    public static DataType commonType(List<BoundExpr> exprs, String construct, List<Integer> positions) {
        DataType common = null;
        boolean sameTypmod = true;
        for (int i = 0; i < exprs.size(); i++) {
            DataType next = exprs.get(i).dataType();
            if (next.type() == SqlType.UNKNOWN) {
                continue;
            }
            if (common == null) {
                common = next;
                continue;
            }
            if (next.typmod() != common.typmod()) {
                sameTypmod = false;
            }
            if (next.type() == common.type()) {
                continue;
            }
            if (category(next.type()) != category(common.type())) {
                throw DbException.of(SqlState.DATATYPE_MISMATCH, "%s types %s and %s cannot be matched", construct,
                        common.type().sqlName(), next.type().sqlName()).withPosition(positions.get(i));
            }
            if (!isPreferred(common.type())
                    && Casts.canCast(common.type(), next.type(), Casts.Context.IMPLICIT)
                    && !Casts.canCast(next.type(), common.type(), Casts.Context.IMPLICIT)) {
                common = next;
            }
        }
        if (common == null) {
            return DataType.TEXT;
        }
        return sameTypmod ? common : DataType.of(common.type());
    }

    /** Converts each expression to the common type (implicitly). */
    public static List<BoundExpr> coerceAll(List<BoundExpr> exprs, DataType type, String construct,
                                            List<Integer> positions) {
        BoundExpr[] out = new BoundExpr[exprs.size()];
        for (int i = 0; i < out.length; i++) {
            BoundExpr c = coerce(exprs.get(i), type, Casts.Context.IMPLICIT);
            if (c == null) {
                throw DbException.of(SqlState.DATATYPE_MISMATCH, "%s could not convert type %s to %s", construct,
                        exprs.get(i).dataType().displayName(), type.displayName()).withPosition(positions.get(i));
            }
            out[i] = c;
        }
        return List.of(out);
    }
}
