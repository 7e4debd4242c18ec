package org.rustydb.execution.internal.catalog;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.DataType;

/**
 * pg_type's rows: the types of {@link SqlType} with PostgreSQL's oids, names and categories, and
 * the few catalog types (oid, name, regclass...) whose oids clients meet in format_type calls.
 */
final class PgTypes {
    record TypeRow(int oid, String name, int length, boolean byValue, char category, int element, int array,
                   int collation) {
    }

    private static final List<TypeRow> ROWS = build();

    private PgTypes() {
    }

    static List<TypeRow> rows() {
        return ROWS;
    }

    static TypeRow byOid(int oid) {
        for (TypeRow r : ROWS) {
            if (r.oid() == oid) {
                return r;
            }
        }
        return null;
    }

    private static List<TypeRow> build() {
        List<TypeRow> out = new ArrayList<>();
        for (SqlType t : SqlType.values()) {
            if (t.isArray()) {
                SqlType e = t.elementType();
                out.add(new TypeRow(t.oid(), DataType.internalName(t), -1, false, 'A', e.oid(), 0,
                        e.isString() ? Oids.DEFAULT_COLLATION : 0));
                continue;
            }
            SqlType array = t.arrayType();
            int length = t == SqlType.UNKNOWN ? -2 : t.length();
            out.add(new TypeRow(t.oid(), DataType.internalName(t), length, length > 0 && length <= 8, category(t), 0,
                    array == null ? 0 : array.oid(), t.isString() ? Oids.DEFAULT_COLLATION : 0));
        }
        out.add(new TypeRow(18, "char", 1, true, 'Z', 0, 1002, 0));
        out.add(new TypeRow(19, "name", 64, false, 'S', 18, 1003, 950));
        out.add(new TypeRow(22, "int2vector", -1, false, 'A', 21, 1006, 0));
        out.add(new TypeRow(26, "oid", 4, true, 'N', 0, 1028, 0));
        out.add(new TypeRow(30, "oidvector", -1, false, 'A', 26, 1013, 0));
        out.add(new TypeRow(2205, "regclass", 4, true, 'N', 0, 2210, 0));
        out.add(new TypeRow(2206, "regtype", 4, true, 'N', 0, 2211, 0));
        out.add(new TypeRow(24, "regproc", 4, true, 'N', 0, 1008, 0));
        out.add(new TypeRow(2278, "void", 4, true, 'P', 0, 0, 0));
        out.add(new TypeRow(2249, "record", -1, false, 'P', 0, 2287, 0));
        return List.copyOf(out);
    }

    private static char category(SqlType t) {
        if (t.isNumeric()) {
            return 'N';
        }
        if (t.isString()) {
            return t == SqlType.UNKNOWN ? 'X' : 'S';
        }
        return switch (t) {
            case BOOLEAN -> 'B';
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> 'D';
            case INTERVAL -> 'T';
            default -> 'U';
        };
    }

    /** format_type(oid, typmod): PostgreSQL's name of a type with its modifier (typmod as pg_attribute has it). */
    static String format(int oid, Integer typmod) {
        for (SqlType t : SqlType.values()) {
            if (t.oid() == oid) {
                int mod = typmod == null ? -1 : typmod;
                SqlType base = t.isArray() ? t.elementType() : t;
                if (mod >= 0 && (base == SqlType.VARCHAR || base == SqlType.CHAR || base == SqlType.NUMERIC)) {
                    mod -= 4;
                }
                DataType d = new DataType(base, mod < 0 ? -1 : mod);
                // without a typmod at all PostgreSQL names the type; with -1 its internal name
                String name = base == SqlType.CHAR && typmod == null ? "character" : d.displayName();
                return t.isArray() ? name + "[]" : name;
            }
        }
        TypeRow row = byOid(oid);
        if (row != null) {
            return row.name().equals("char") ? "\"char\"" : row.name();
        }
        return "???";
    }
}
