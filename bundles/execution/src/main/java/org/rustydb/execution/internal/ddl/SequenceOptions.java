package org.rustydb.execution.internal.ddl;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.SequenceDefinition;

/**
 * The options of CREATE SEQUENCE and of identity columns, with PostgreSQL's defaults and checks:
 * AS type, INCREMENT [BY], [NO] MINVALUE, [NO] MAXVALUE, START [WITH], CACHE (1 only), [NO] CYCLE
 * and OWNED BY (CREATE SEQUENCE only).
 */
final class SequenceOptions {
    SqlType type = SqlType.BIGINT;
    Long increment;
    Long minValue;
    Long maxValue;
    Long start;
    boolean cycle;
    /** OWNED BY table.column: [schema or null, table, column]; null when not given or NONE. */
    String[] ownedBy;

    /** Reads options until the end of {@code in} (or a closing parenthesis when {@code nested}). */
    static SequenceOptions read(DdlTokens in, boolean nested, boolean ownedByAllowed) {
        SequenceOptions o = new SequenceOptions();
        while (!in.atEnd() && !(nested && in.peekPunct(")"))) {
            int at = in.position();
            if (in.acceptWord("as")) {
                String name = in.name();
                o.type = switch (name) {
                    case "smallint", "int2" -> SqlType.SMALLINT;
                    case "integer", "int", "int4" -> SqlType.INTEGER;
                    case "bigint", "int8" -> SqlType.BIGINT;
                    default -> throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                            "sequence type must be smallint, integer, or bigint").withPosition(at);
                };
            } else if (in.acceptWord("increment")) {
                in.acceptWord("by");
                o.increment = in.signedInteger();
            } else if (in.acceptWords("no", "minvalue")) {
                o.minValue = null;
            } else if (in.acceptWords("no", "maxvalue")) {
                o.maxValue = null;
            } else if (in.acceptWords("no", "cycle")) {
                o.cycle = false;
            } else if (in.acceptWord("minvalue")) {
                o.minValue = in.signedInteger();
            } else if (in.acceptWord("maxvalue")) {
                o.maxValue = in.signedInteger();
            } else if (in.acceptWord("start")) {
                in.acceptWord("with");
                o.start = in.signedInteger();
            } else if (in.acceptWord("cache")) {
                long cache = in.signedInteger();
                if (cache <= 0) {
                    throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "CACHE (%d) must be greater than zero",
                            cache);
                }
                if (cache != 1) {
                    throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "CACHE other than 1 not supported yet")
                            .withPosition(at);
                }
            } else if (in.acceptWord("cycle")) {
                o.cycle = true;
            } else if (ownedByAllowed && in.acceptWord("owned")) {
                in.expectWord("by");
                if (in.acceptWord("none")) {
                    o.ownedBy = null;
                } else {
                    String first = in.name();
                    in.expectPunct(".");
                    String second = in.name();
                    o.ownedBy = in.acceptPunct(".") ? new String[] {first, second, in.name()}
                            : new String[] {null, first, second};
                }
            } else {
                throw in.syntaxError();
            }
        }
        return o;
    }

    /** The definition these options give, checked as PostgreSQL checks them (22023). */
    SequenceDefinition define(String schema, String name, String ownerTable, String ownerColumn) {
        long typeMin = type == SqlType.SMALLINT ? Short.MIN_VALUE : type == SqlType.INTEGER ? Integer.MIN_VALUE
                : Long.MIN_VALUE;
        long typeMax = type == SqlType.SMALLINT ? Short.MAX_VALUE : type == SqlType.INTEGER ? Integer.MAX_VALUE
                : Long.MAX_VALUE;
        long inc = increment == null ? 1 : increment;
        if (inc == 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
        }
        long max = maxValue != null ? maxValue : inc > 0 ? typeMax : -1;
        long min = minValue != null ? minValue : inc > 0 ? 1 : typeMin;
        if (max < typeMin || max > typeMax) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "MAXVALUE (%d) is out of range for sequence data type %s",
                    max, type.sqlName());
        }
        if (min < typeMin || min > typeMax) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (%d) is out of range for sequence data type %s",
                    min, type.sqlName());
        }
        if (min >= max) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (%d) must be less than MAXVALUE (%d)", min,
                    max);
        }
        long first = start != null ? start : inc > 0 ? min : max;
        if (first < min) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "START value (%d) cannot be less than MINVALUE (%d)",
                    first, min);
        }
        if (first > max) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "START value (%d) cannot be greater than MAXVALUE (%d)", first, max);
        }
        return new SequenceDefinition(schema, name, inc, min, max, first, cycle, ownerTable, ownerColumn);
    }
}
