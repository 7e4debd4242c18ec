package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.parser.Token;
import org.rustydb.spi.storage.SequenceDefinition;

/**
 * The options of CREATE and ALTER SEQUENCE and of identity columns, with PostgreSQL's defaults and
 * checks: AS type, INCREMENT [BY], [NO] MINVALUE, [NO] MAXVALUE, START [WITH], RESTART [[WITH] n]
 * (ALTER only), CACHE (1 only), [NO] CYCLE and OWNED BY (CREATE and ALTER SEQUENCE only).
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
    /** RESTART without a value restarts at START. */
    boolean restart;
    Long restartValue;
    /** The options given, by their first word ({@code no maxvalue} counts as {@code maxvalue}). */
    final Set<String> given = new HashSet<>();

    /** Reads options until the end of {@code in} (or a closing parenthesis when {@code nested}). */
    static SequenceOptions read(DdlTokens in, boolean nested, boolean ownedByAllowed) {
        return read(in, nested, ownedByAllowed, false);
    }

    /** {@link #read}, with RESTART allowed when {@code alter}. */
    static SequenceOptions read(DdlTokens in, boolean nested, boolean ownedByAllowed, boolean alter) {
        SequenceOptions o = new SequenceOptions();
        while (!in.atEnd() && !(nested && in.peekPunct(")"))) {
            int at = in.position();
            String option = in.peekWord("no") && in.peekWordAt(1, "minvalue") ? "minvalue"
                    : in.peekWord("no") && in.peekWordAt(1, "maxvalue") ? "maxvalue"
                    : in.peekWord("no") && in.peekWordAt(1, "cycle") ? "cycle"
                    : in.atEnd() ? "" : in.peek().value();
            if (!o.given.add(option)) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "conflicting or redundant options").withPosition(at);
            }
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
            } else if (alter && in.acceptWord("restart")) {
                o.restart = true;
                if (in.acceptWord("with") || (!in.atEnd() && (in.peek().kind() == Token.Kind.NUMBER
                        || in.peek().kind() == Token.Kind.OPERATOR))) {
                    o.restartValue = in.signedInteger();
                }
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
                o.ownedBy = ownedBy(in);
            } else {
                throw in.syntaxError();
            }
        }
        return o;
    }

    /** {@code OWNED BY NONE} (null) or {@code [schema.]table.column}: [schema or null, table, column]. */
    private static String[] ownedBy(DdlTokens in) {
        List<String> names = new ArrayList<>();
        names.add(in.name());
        while (in.acceptPunct(".")) {
            names.add(in.name());
        }
        if (names.size() == 1 && names.get(0).equals("none")) {
            return null;
        }
        if (names.size() == 1) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "invalid OWNED BY option")
                    .withHint("Specify OWNED BY table.column or OWNED BY NONE.");
        }
        if (names.size() > 3) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: \"%s\"",
                    String.join(".", names.subList(0, names.size() - 1)));
        }
        return names.size() == 3 ? names.toArray(String[]::new) : new String[] {null, names.get(0), names.get(1)};
    }

    /** True when an option of how values are made was given, not only OWNED BY. */
    boolean changesGenerator() {
        return given.stream().anyMatch(option -> !option.equals("owned"));
    }

    /** The definition these options give, checked as PostgreSQL checks them (22023). */
    SequenceDefinition define(String schema, String name, String ownerTable, String ownerColumn) {
        long inc = increment == null ? 1 : increment;
        return check(schema, name, type, inc, maxValue, minValue, start, cycle, ownerTable, ownerColumn);
    }

    /**
     * ALTER SEQUENCE: the definition {@code old} becomes with these options (OWNED BY apart), as
     * PostgreSQL's init_params: a new type resets the bounds that were the old type's limits; NO
     * MINVALUE / NO MAXVALUE take the defaults for the (new) increment.
     */
    SequenceDefinition alter(SequenceDefinition old) {
        SqlType newType = given.contains("as") ? type : old.type();
        boolean resetMax = given.contains("as") && old.maxValue() == maxOf(old.type());
        boolean resetMin = given.contains("as") && old.minValue() == minOf(old.type());
        long inc = increment != null ? increment : old.increment();
        Long max = given.contains("maxvalue") || resetMax ? maxValue : Long.valueOf(old.maxValue());
        Long min = given.contains("minvalue") || resetMin ? minValue : Long.valueOf(old.minValue());
        long first = start != null ? start : old.start();
        boolean cycles = given.contains("cycle") ? cycle : old.cycle();
        return check(old.schema(), old.name(), newType, inc, max, min, first, cycles, old.ownerTable(),
                old.ownerColumn());
    }

    private static SequenceDefinition check(String schema, String name, SqlType type, long inc, Long maxValue,
                                            Long minValue, Long start, boolean cycle, String ownerTable,
                                            String ownerColumn) {
        long typeMin = minOf(type);
        long typeMax = maxOf(type);
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
        return new SequenceDefinition(schema, name, inc, min, max, first, cycle, ownerTable, ownerColumn, type);
    }

    private static long minOf(SqlType type) {
        return type == SqlType.SMALLINT ? Short.MIN_VALUE : type == SqlType.INTEGER ? Integer.MIN_VALUE : Long.MIN_VALUE;
    }

    private static long maxOf(SqlType type) {
        return type == SqlType.SMALLINT ? Short.MAX_VALUE : type == SqlType.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE;
    }
}
