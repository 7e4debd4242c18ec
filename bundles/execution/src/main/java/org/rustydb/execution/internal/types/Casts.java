package org.rustydb.execution.internal.types;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.api.ValueText;

/**
 * The casts between the supported types, with PostgreSQL's contexts (which casts apply
 * implicitly, on assignment, or only when written) and its conversion rules and messages.
 */
public final class Casts {

    /** Where a conversion happens, from most to least permissive. */
    public enum Context { EXPLICIT, ASSIGNMENT, IMPLICIT }

    private Casts() {
    }

    /** True when a value of {@code from} converts to {@code to} in the given context. */
    public static boolean canCast(SqlType from, SqlType to, Context context) {
        if (from == to || from == SqlType.UNKNOWN) {
            return true;
        }
        if (from.isString() && to.isString()) {
            return to != SqlType.UNKNOWN;
        }
        if (from.isNumeric() && to.isNumeric()) {
            return context != Context.IMPLICIT || numericRank(to) > numericRank(from);
        }
        if (to.isString() && to != SqlType.UNKNOWN) {
            // Output conversion to a string type: an assignment or explicit cast.
            return context != Context.IMPLICIT;
        }
        if (from.isString()) {
            // Input conversion from a string type: explicit only.
            return context == Context.EXPLICIT;
        }
        if (from.isArray() && to.isArray()) {
            return canCast(from.elementType(), to.elementType(), context);
        }
        Context needed = builtinCast(from, to);
        return needed != null && context.ordinal() <= needed.ordinal();
    }

    /** The least permissive context of PostgreSQL's built-in cast between non-string types, or null. */
    private static Context builtinCast(SqlType from, SqlType to) {
        return switch (from) {
            case INTEGER -> to == SqlType.BOOLEAN ? Context.EXPLICIT : null;
            case BOOLEAN -> to == SqlType.INTEGER ? Context.EXPLICIT : null;
            case DATE -> to == SqlType.TIMESTAMP || to == SqlType.TIMESTAMPTZ ? Context.IMPLICIT : null;
            case TIMESTAMP -> to == SqlType.TIMESTAMPTZ ? Context.IMPLICIT
                    : to == SqlType.DATE || to == SqlType.TIME ? Context.ASSIGNMENT : null;
            case TIMESTAMPTZ -> to == SqlType.TIMESTAMP || to == SqlType.DATE || to == SqlType.TIME
                    ? Context.ASSIGNMENT : null;
            case TIME -> to == SqlType.INTERVAL ? Context.IMPLICIT : null;
            case INTERVAL -> to == SqlType.TIME ? Context.ASSIGNMENT : null;
            case JSON -> to == SqlType.JSONB ? Context.ASSIGNMENT : null;
            case JSONB -> to == SqlType.JSON ? Context.ASSIGNMENT : null;
            default -> null;
        };
    }

    /**
     * The order of PostgreSQL's implicit casts in the numeric category: each converts implicitly
     * to every later one (int2, int4, int8, numeric, real, double precision).
     */
    public static int numericRank(SqlType t) {
        return switch (t) {
            case SMALLINT -> 1;
            case INTEGER -> 2;
            case BIGINT -> 3;
            case NUMERIC -> 4;
            case REAL -> 5;
            case DOUBLE -> 6;
            default -> 0;
        };
    }

    /** The 42846 error for a cast that does not exist. */
    public static DbException cannotCast(SqlType from, DataType to, int position) {
        return DbException.of(SqlState.CANNOT_COERCE, "cannot cast type %s to %s", from.sqlName(), to.displayName())
                .withPosition(position);
    }

    /** True when integer type {@code a} holds every value of {@code b}. */
    public static boolean widerOrEqual(SqlType a, SqlType b) {
        return numericRank(a) >= numericRank(b);
    }

    /**
     * Converts a value of type {@code from} to {@code to}; the caller checked that the cast
     * exists. Explicit casts to varchar(n) and character(n) truncate, others fail with 22001.
     */
    public static Object convert(Object value, SqlType from, DataType to, boolean explicit) {
        if (value == null) {
            return null;
        }
        SqlType target = to.type();
        if (target.isString()) {
            String text;
            if (from.isString()) {
                // character(n) loses its padding when it becomes another string type
                text = from == SqlType.CHAR && target != SqlType.CHAR ? MiscValues.trimTrailing((String) value)
                        : (String) value;
            } else {
                text = toText(value, from);
            }
            return applyStringTypmod(text, to, explicit);
        }
        if (from.isString()) {
            return fromText((String) value, to);
        }
        if (from.isArray() && target.isArray()) {
            List<Object> out = new ArrayList<>();
            DataType element = to.element();
            for (Object v : (List<?>) value) {
                out.add(convert(v, from.elementType(), element, explicit));
            }
            return Collections.unmodifiableList(out);
        }
        if (from.isNumeric() && target.isNumeric()) {
            Object converted = from == target ? value : NumericValues.convert(value, from, target);
            return target == SqlType.NUMERIC ? NumericValues.applyTypmod((BigDecimal) converted, to) : converted;
        }
        if (target == SqlType.BOOLEAN && from == SqlType.INTEGER) {
            return ((Integer) value) != 0;
        }
        if (target == SqlType.INTEGER && from == SqlType.BOOLEAN) {
            return ((Boolean) value) ? 1 : 0;
        }
        if ((from.isDateTime() || from == SqlType.INTERVAL) && (target.isDateTime() || target == SqlType.INTERVAL)) {
            Object converted = DateTimeValues.convert(value, from, target);
            return target == SqlType.INTERVAL ? IntervalValues.applyTypmod((Interval) converted, to.typmod())
                    : DateTimeValues.applyTypmod(converted, to);
        }
        if (target == SqlType.JSONB && from == SqlType.JSON) {
            return JsonValues.parseJsonb((String) value);
        }
        if (from == target) {
            return value;
        }
        throw new IllegalStateException("no cast from " + from + " to " + to);
    }

    /** Applies varchar(n) or character(n) to a string. */
    private static String applyStringTypmod(String text, DataType to, boolean explicit) {
        if (to.type() == SqlType.CHAR) {
            return MiscValues.applyCharLength(text, to.typmod(), explicit);
        }
        return to.typmod() >= 0 ? applyLength(text, to.typmod(), explicit) : text;
    }

    /** The text form of a value as a cast to text gives it (booleans as true/false). */
    public static String toText(Object value, SqlType type) {
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return ValueText.format(value, type, SessionZone.get());
    }

    /** The text form of a value of a non-array type, which its Java class tells. */
    public static String toText(Object value) {
        return value instanceof String s ? s : toText(value, typeOfValue(value));
    }

    private static SqlType typeOfValue(Object value) {
        for (SqlType t : SqlType.values()) {
            if (t.javaClass().isInstance(value)) {
                return t;
            }
        }
        return SqlType.TEXT;
    }

    /** A long as a value of the integer type, or 22003. */
    public static Object fitInteger(long v, SqlType type) {
        return switch (type) {
            case SMALLINT -> {
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw outOfRange(type);
                }
                yield (short) v;
            }
            case INTEGER -> {
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw outOfRange(type);
                }
                yield (int) v;
            }
            case BIGINT -> v;
            default -> throw new IllegalArgumentException("not an integer type: " + type);
        };
    }

    /** {@code integer out of range} and its siblings (22003). */
    public static DbException outOfRange(SqlType type) {
        return DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "%s out of range", type.sqlName());
    }

    /** Parses text as the input function of the type does. */
    public static Object fromText(String text, SqlType type) {
        return fromText(text, DataType.of(type));
    }

    /** Parses text as the input function of the type does, then applies the type modifier. */
    public static Object fromText(String text, DataType type) {
        return switch (type.type()) {
            case SMALLINT, INTEGER, BIGINT -> parseInteger(text, type.type());
            case BOOLEAN -> parseBoolean(text);
            case TEXT, VARCHAR, UNKNOWN, CHAR -> applyStringTypmod(text, type, false);
            case NUMERIC -> NumericValues.applyTypmod(NumericValues.parseNumeric(text), type);
            case REAL, DOUBLE -> NumericValues.parseFloat(text, type.type());
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> DateTimeValues.parse(text, type);
            case INTERVAL -> IntervalValues.applyTypmod(IntervalValues.parse(text), type.typmod());
            case BYTEA -> MiscValues.parseBytea(text);
            case UUID -> MiscValues.parseUuid(text);
            case JSON -> JsonValues.parseJson(text);
            case JSONB -> JsonValues.parseJsonb(text);
            default -> ArrayValues.parse(text, type);
        };
    }

    /** PostgreSQL's int2in/int4in/int8in: optional whitespace and sign around decimal digits. */
    public static Object parseInteger(String text, SqlType type) {
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            int d = text.charAt(i) - '0';
            // Accumulate negatively so that the minimum value fits.
            if (value < (Long.MIN_VALUE + d) / 10) {
                overflow = true;
            } else {
                value = value * 10 - d;
            }
            i++;
        }
        boolean digits = i > digitsStart;
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        if (!digits || i < n) {
            throw DbException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type %s: \"%s\"",
                    type.sqlName(), text);
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                overflow = true;
            }
            value = -value;
        }
        try {
            if (overflow) {
                throw outOfRange(type);
            }
            return fitInteger(value, type);
        } catch (DbException e) {
            throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"%s\" is out of range for type %s",
                    text, type.sqlName());
        }
    }

    /** PostgreSQL's boolin: t/true/y/yes/on/1 and f/false/n/no/off/0, prefixes allowed, any case. */
    public static Boolean parseBoolean(String text) {
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (!s.isEmpty()) {
            if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("on") || s.equals("1")) {
                return Boolean.TRUE;
            }
            if ("false".startsWith(s) || "no".startsWith(s) || s.equals("off") || s.equals("0")) {
                return Boolean.FALSE;
            }
        }
        throw DbException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type boolean: \"%s\"",
                text);
    }

    /**
     * Applies varchar(n): an explicit cast truncates; otherwise a longer value fails with 22001
     * unless only spaces are cut, as in PostgreSQL.
     */
    public static String applyLength(String text, int length, boolean explicit) {
        int chars = text.codePointCount(0, text.length());
        if (chars <= length) {
            return text;
        }
        int cut = text.offsetByCodePoints(0, length);
        if (!explicit && !onlySpaces(text.substring(cut))) {
            throw DbException.of(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type character varying(%d)",
                    length);
        }
        return text.substring(0, cut);
    }

    private static boolean onlySpaces(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }
}
