package org.rustydb.client.internal.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.rustydb.api.Column;
import org.rustydb.api.SqlType;

/**
 * getProcedureColumns and getFunctionColumns: a function's result (first, as pgjdbc lists it) and
 * its IN arguments, from pg_proc's prorettype, proargtypes and proargnames.
 */
final class FunctionColumns {
    /** One row of the answer before it takes either method's shape. */
    record Entry(String schema, String function, String specificName, String column, boolean result,
                 boolean returnsSet, int position, String typeName) {
    }

    private FunctionColumns() {
    }

    /**
     * @param rows       of {@code oid, typname} from pg_type, then of pg_proc in {@code functions}
     * @param namePattern a JDBC LIKE pattern for the column names, or null
     */
    static List<Entry> entries(List<Object[]> types, List<Object[]> functions, String namePattern) {
        Map<Long, String> typeNames = new HashMap<>();
        for (Object[] t : types) {
            typeNames.put(((Number) t[0]).longValue(), (String) t[1]);
        }
        Pattern names = namePattern == null ? null : like(namePattern);
        List<Entry> entries = new ArrayList<>();
        for (Object[] f : functions) {
            String schema = (String) f[0];
            String function = (String) f[1];
            String specific = function + "_" + f[2];
            String returnType = typeNames.get(((Number) f[3]).longValue());
            if (returnType != null && !"void".equals(returnType) && matches(names, "returnValue")) {
                entries.add(new Entry(schema, function, specific, "returnValue", true, Boolean.TRUE.equals(f[6]), 0,
                        returnType));
            }
            List<?> args = f[4] == null ? List.of() : (List<?>) f[4];
            List<?> argNames = f[5] == null ? List.of() : (List<?>) f[5];
            for (int i = 0; i < args.size(); i++) {
                Object name = i < argNames.size() ? argNames.get(i) : null;
                String column = name == null || name.toString().isEmpty() ? "$" + (i + 1) : name.toString();
                if (matches(names, column)) {
                    entries.add(new Entry(schema, function, specific, column, false, false, i + 1,
                            typeNames.getOrDefault(((Number) args.get(i)).longValue(), "unknown")));
                }
            }
        }
        return entries;
    }

    private static boolean matches(Pattern names, String column) {
        return names == null || names.matcher(column).matches();
    }

    /** A JDBC LIKE pattern ({@code %}, {@code _}, {@code \} escapes) as a regular expression. */
    static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static Object[] typeColumns(Entry e) {
        SqlType type = e.typeName().startsWith("_") ? arrayOf(e.typeName().substring(1)) : TypeNames.byName(e.typeName());
        int jdbcType = type == null ? Types.OTHER : TypeNames.jdbcType(type);
        Integer precision = type == null ? null : TypeSizes.precision(new Column("", type));
        Short scale = type == null ? null : (short) TypeSizes.scale(new Column("", type));
        return new Object[] {jdbcType, e.typeName(), precision, precision, scale, (short) 10};
    }

    private static SqlType arrayOf(String element) {
        SqlType type = TypeNames.byName(element);
        return type == null ? null : type.arrayType();
    }

    static List<Object[]> procedureRows(List<Entry> entries) {
        List<Object[]> rows = new ArrayList<>();
        for (Entry e : entries) {
            Object[] t = typeColumns(e);
            short kind = (short) (e.result() ? DatabaseMetaData.procedureColumnReturn
                    : DatabaseMetaData.procedureColumnIn);
            rows.add(new Object[] {null, e.schema(), e.function(), e.column(), kind, t[0], t[1], t[2], t[3], t[4],
                t[5], (short) DatabaseMetaData.procedureNullableUnknown, null, null, null, null, null, e.position(),
                "", e.specificName()});
        }
        return rows;
    }

    static List<Object[]> functionRows(List<Entry> entries) {
        List<Object[]> rows = new ArrayList<>();
        for (Entry e : entries) {
            Object[] t = typeColumns(e);
            short kind = (short) (e.result() ? (e.returnsSet() ? DatabaseMetaData.functionColumnResult
                    : DatabaseMetaData.functionReturn) : DatabaseMetaData.functionColumnIn);
            rows.add(new Object[] {null, e.schema(), e.function(), e.column(), kind, t[0], t[1], t[2], t[3], t[4],
                t[5], (short) DatabaseMetaData.functionNullableUnknown, null, null, e.position(), "",
                e.specificName()});
        }
        return rows;
    }
}
