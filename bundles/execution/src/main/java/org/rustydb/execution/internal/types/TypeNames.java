package org.rustydb.execution.internal.types;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;

/** Resolves type names as written in SQL (CREATE TABLE, CAST) to the types this engine supports. */
public final class TypeNames {
    /** The longest varchar PostgreSQL allows. */
    public static final int MAX_VARCHAR_LENGTH = 10485760;

    private static final Map<String, DataType> SUPPORTED = Map.ofEntries(
            Map.entry("smallint", DataType.SMALLINT), Map.entry("int2", DataType.SMALLINT),
            Map.entry("integer", DataType.INTEGER), Map.entry("int", DataType.INTEGER),
            Map.entry("int4", DataType.INTEGER),
            Map.entry("bigint", DataType.BIGINT), Map.entry("int8", DataType.BIGINT),
            Map.entry("text", DataType.TEXT),
            Map.entry("varchar", DataType.VARCHAR), Map.entry("character varying", DataType.VARCHAR),
            Map.entry("char varying", DataType.VARCHAR),
            Map.entry("boolean", DataType.BOOLEAN), Map.entry("bool", DataType.BOOLEAN),
            Map.entry("numeric", DataType.NUMERIC), Map.entry("decimal", DataType.NUMERIC),
            Map.entry("dec", DataType.NUMERIC),
            Map.entry("real", DataType.REAL), Map.entry("float4", DataType.REAL),
            Map.entry("double precision", DataType.DOUBLE), Map.entry("float8", DataType.DOUBLE),
            Map.entry("float", DataType.DOUBLE),
            Map.entry("date", DataType.DATE),
            Map.entry("time", DataType.of(SqlType.TIME)), Map.entry("time without time zone", DataType.of(SqlType.TIME)),
            Map.entry("timestamp", DataType.TIMESTAMP), Map.entry("timestamp without time zone", DataType.TIMESTAMP),
            Map.entry("timestamptz", DataType.TIMESTAMPTZ), Map.entry("timestamp with time zone", DataType.TIMESTAMPTZ),
            Map.entry("interval", DataType.INTERVAL),
            Map.entry("bytea", DataType.of(SqlType.BYTEA)), Map.entry("uuid", DataType.of(SqlType.UUID)),
            Map.entry("json", DataType.of(SqlType.JSON)), Map.entry("jsonb", DataType.of(SqlType.JSONB)),
            Map.entry("char", new DataType(SqlType.CHAR, 1)), Map.entry("character", new DataType(SqlType.CHAR, 1)),
            Map.entry("nchar", new DataType(SqlType.CHAR, 1)),
            Map.entry("national character", new DataType(SqlType.CHAR, 1)),
            Map.entry("bpchar", DataType.of(SqlType.CHAR)));

    /** PostgreSQL types not supported yet, by spelling, with the name PostgreSQL prints. */
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("timetz", "time with time zone"), Map.entry("time with time zone", "time with time zone"),
            Map.entry("xml", "xml"),
            Map.entry("money", "money"), Map.entry("inet", "inet"), Map.entry("cidr", "cidr"),
            Map.entry("macaddr", "macaddr"), Map.entry("macaddr8", "macaddr8"), Map.entry("bit", "bit"),
            Map.entry("varbit", "bit varying"), Map.entry("bit varying", "bit varying"), Map.entry("oid", "oid"),
            Map.entry("name", "name"), Map.entry("point", "point"), Map.entry("line", "line"),
            Map.entry("lseg", "lseg"), Map.entry("box", "box"), Map.entry("path", "path"),
            Map.entry("polygon", "polygon"), Map.entry("circle", "circle"), Map.entry("tsvector", "tsvector"),
            Map.entry("tsquery", "tsquery"), Map.entry("serial", "serial"), Map.entry("serial4", "serial"),
            Map.entry("bigserial", "bigserial"), Map.entry("serial8", "bigserial"),
            Map.entry("smallserial", "smallserial"), Map.entry("serial2", "smallserial"),
            Map.entry("int4range", "int4range"), Map.entry("int8range", "int8range"),
            Map.entry("numrange", "numrange"), Map.entry("daterange", "daterange"),
            Map.entry("tsrange", "tsrange"), Map.entry("tstzrange", "tstzrange"),
            Map.entry("regclass", "regclass"), Map.entry("regtype", "regtype"), Map.entry("pg_lsn", "pg_lsn"),
            Map.entry("txid_snapshot", "txid_snapshot"), Map.entry("record", "record"));

    private TypeNames() {
    }

    /**
     * Resolves a type.
     *
     * @param rawName   the name as written (any case, words separated by whitespace)
     * @param arguments the type modifiers as written, e.g. ["10"] for varchar(10); may be empty
     * @param array     true when written with []
     * @param position  where the name is, for errors
     * @throws DbException 0A000 for a PostgreSQL type not supported yet, 42704 for an unknown one
     */
    public static DataType resolve(String rawName, List<String> arguments, boolean array, int position) {
        String name = normalize(rawName);
        DataType base = SUPPORTED.get(name);
        if (base == null) {
            String known = KNOWN.get(name);
            if (known != null) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "type %s is not supported yet", known)
                        .withPosition(position);
            }
            throw DbException.of(SqlState.UNDEFINED_OBJECT, "type \"%s\" does not exist", name)
                    .withPosition(position);
        }
        DataType type = withModifiers(name, base, arguments == null ? List.of() : arguments, position);
        if (array) {
            DataType arrayType = type.arrayOf();
            if (arrayType == null) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "type %s[] is not supported yet",
                        type.displayName()).withPosition(position);
            }
            return arrayType;
        }
        return type;
    }

    private static DataType withModifiers(String name, DataType base, List<String> arguments, int position) {
        if (arguments.isEmpty()) {
            return base;
        }
        long[] values = new long[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = Long.parseLong(arguments.get(i).trim());
            } catch (NumberFormatException e) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "type modifiers must be simple constants or identifiers")
                        .withPosition(position);
            }
        }
        switch (base.type()) {
            case VARCHAR, CHAR -> {
                one(values, position);
                String typeName = base.type() == SqlType.VARCHAR ? "varchar" : "char";
                if (values[0] < 1) {
                    throw invalid(position, "length for type %s must be at least 1", typeName);
                }
                if (values[0] > MAX_VARCHAR_LENGTH) {
                    throw invalid(position, "length for type %s cannot exceed %d", typeName, MAX_VARCHAR_LENGTH);
                }
                return new DataType(base.type(), (int) values[0]);
            }
            case NUMERIC -> {
                if (values.length > 2) {
                    throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid NUMERIC type modifier")
                            .withPosition(position);
                }
                long precision = values[0];
                long scale = values.length > 1 ? values[1] : 0;
                if (precision < 1 || precision > 1000) {
                    throw invalid(position, "NUMERIC precision %d must be between 1 and 1000", precision);
                }
                if (scale < -1000 || scale > 1000) {
                    throw invalid(position, "NUMERIC scale %d must be between -1000 and 1000", scale);
                }
                return DataType.numeric((int) precision, (int) scale);
            }
            case DOUBLE -> {
                if (!name.equals("float")) {
                    break;
                }
                one(values, position);
                if (values[0] < 1) {
                    throw invalid(position, "precision for type float must be at least 1 bit");
                }
                if (values[0] > 53) {
                    throw invalid(position, "precision for type float must be less than 54 bits");
                }
                return values[0] <= 24 ? DataType.REAL : DataType.DOUBLE;
            }
            case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> {
                one(values, position);
                String typeName = base.type() == SqlType.INTERVAL ? "INTERVAL"
                        : base.type() == SqlType.TIME ? "TIME" : base.type() == SqlType.TIMESTAMP ? "TIMESTAMP"
                        : "TIMESTAMP WITH TIME ZONE";
                if (values[0] < 0) {
                    throw invalid(position, "%s(%d) precision must not be negative", typeName, values[0]);
                }
                // larger precisions are reduced to the maximum, with a warning in PostgreSQL
                return new DataType(base.type(), (int) Math.min(values[0], 6));
            }
            default -> {
            }
        }
        throw DbException.of(SqlState.SYNTAX_ERROR, "type modifier is not allowed for type \"%s\"",
                base.internalName()).withPosition(position);
    }

    private static void one(long[] values, int position) {
        if (values.length != 1) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "invalid type modifier").withPosition(position);
        }
    }

    private static DbException invalid(int position, String format, Object... args) {
        return DbException.of(SqlState.INVALID_PARAMETER_VALUE, format, args).withPosition(position);
    }

    private static String normalize(String rawName) {
        String trimmed = rawName.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        String lower = trimmed.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return lower.startsWith("pg_catalog.") ? lower.substring("pg_catalog.".length()) : lower;
    }
}
