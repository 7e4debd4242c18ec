package org.rustydb.execution.internal.types;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

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
            Map.entry("boolean", DataType.BOOLEAN), Map.entry("bool", DataType.BOOLEAN));

    /** PostgreSQL types not supported yet, by spelling, with the name PostgreSQL prints. */
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("numeric", "numeric"), Map.entry("decimal", "numeric"), Map.entry("dec", "numeric"),
            Map.entry("real", "real"), Map.entry("float4", "real"),
            Map.entry("double precision", "double precision"), Map.entry("float8", "double precision"),
            Map.entry("float", "double precision"),
            Map.entry("date", "date"),
            Map.entry("time", "time without time zone"), Map.entry("time without time zone", "time without time zone"),
            Map.entry("timetz", "time with time zone"), Map.entry("time with time zone", "time with time zone"),
            Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("timestamp without time zone", "timestamp without time zone"),
            Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timestamp with time zone", "timestamp with time zone"),
            Map.entry("interval", "interval"), Map.entry("bytea", "bytea"), Map.entry("uuid", "uuid"),
            Map.entry("json", "json"), Map.entry("jsonb", "jsonb"), Map.entry("xml", "xml"),
            Map.entry("char", "character"), Map.entry("character", "character"), Map.entry("bpchar", "character"),
            Map.entry("nchar", "character"), Map.entry("national character", "character"),
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
     * @param array     true when written with [] (not supported)
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
        if (array) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "type %s[] is not supported yet", base.displayName())
                    .withPosition(position);
        }
        if (arguments == null || arguments.isEmpty()) {
            return base;
        }
        if (base != DataType.VARCHAR) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "type modifier is not allowed for type \"%s\"",
                    base.internalName()).withPosition(position);
        }
        if (arguments.size() != 1) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "invalid type modifier").withPosition(position);
        }
        long length;
        try {
            length = Long.parseLong(arguments.get(0).trim());
        } catch (NumberFormatException e) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "type modifiers must be simple constants or identifiers")
                    .withPosition(position);
        }
        if (length < 1) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "length for type varchar must be at least 1")
                    .withPosition(position);
        }
        if (length > MAX_VARCHAR_LENGTH) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "length for type varchar cannot exceed %d",
                    MAX_VARCHAR_LENGTH).withPosition(position);
        }
        return new DataType(base.type(), (int) length);
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
