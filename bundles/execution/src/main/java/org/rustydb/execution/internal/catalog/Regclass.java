package org.rustydb.execution.internal.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.types.TypeNames;
import org.rustydb.spi.function.SqlFunction;

/**
 * The object identifier types regclass, regtype and regnamespace, which do not exist as types
 * here: a cast of a name to one gives the object's oid (an integer), a cast of an oid gives the
 * name PostgreSQL's output function prints (text), qualified only when search_path does not find
 * it. {@code oid} is integer and {@code name} text.
 */
public final class Regclass {
    private static final Set<String> TYPES = Set.of("regclass", "regtype", "regnamespace", "regproc", "regprocedure",
            "regrole", "oid", "name");

    private Regclass() {
    }

    /** The type a cast names, lower case without {@code pg_catalog.}, if it is one of these; else null. */
    public static String typeName(String raw) {
        String name = raw.trim().toLowerCase(Locale.ROOT).replace("\"", "");
        if (name.startsWith("pg_catalog.")) {
            name = name.substring("pg_catalog.".length());
        }
        return TYPES.contains(name) ? name : null;
    }

    /**
     * The function a cast to {@code type} calls, for an argument that is an oid ({@code fromOid})
     * or a name; null for oid and name, which are plain integer and text casts.
     */
    public static SqlFunction cast(CatalogReader r, String type, boolean fromOid) {
        return switch (type) {
            case "regclass" -> fromOid ? fn(type, SqlType.INTEGER, SqlType.TEXT, a -> relationName(r, (Integer) a[0]))
                    : fn(type, SqlType.TEXT, SqlType.INTEGER, a -> parse(r, (String) a[0], true));
            case "regtype" -> fromOid ? fn(type, SqlType.INTEGER, SqlType.TEXT, a -> PgTypes.format((Integer) a[0], null))
                    : fn(type, SqlType.TEXT, SqlType.INTEGER, a -> typeOid((String) a[0], true));
            case "regnamespace" -> fromOid ? fn(type, SqlType.INTEGER, SqlType.TEXT, a -> namespaceName(r, (Integer) a[0]))
                    : fn(type, SqlType.TEXT, SqlType.INTEGER, a -> namespaceOid(r, (String) a[0]));
            case "regrole" -> fromOid ? fn(type, SqlType.INTEGER, SqlType.TEXT, a -> CatalogFunctions.userName(r, (Integer) a[0]))
                    : fn(type, SqlType.TEXT, SqlType.INTEGER, a -> roleOid(r, (String) a[0]));
            case "regproc", "regprocedure" -> fromOid ? fn(type, SqlType.INTEGER, SqlType.TEXT, a -> a[0].toString())
                    : fn(type, SqlType.TEXT, SqlType.TEXT, a -> procName((String) a[0]));
            default -> null;
        };
    }

    /**
     * A function name cast to regproc: the name regprocout prints (without pg_catalog.), which is
     * what pg_type.typinput and its kin hold here, so {@code typinput = 'pg_catalog.array_in'::regproc}
     * compares names.
     */
    private static String procName(String text) {
        List<String> parts = names(text.trim());
        if (parts.isEmpty() || parts.size() > 2 || (parts.size() == 2 && !parts.get(0).equals("pg_catalog"))) {
            throw DbException.of(SqlState.UNDEFINED_FUNCTION, "function \"%s\" does not exist", text);
        }
        return parts.get(parts.size() - 1);
    }

    private static SqlFunction fn(String name, SqlType param, SqlType result, java.util.function.Function<Object[], Object> body) {
        return new org.rustydb.execution.internal.function.BuiltinFunction(name, List.of(param), result, body);
    }

    /** A relation's oid from its (possibly qualified) name or its number; null or 42P01 when there is none. */
    static Integer parse(CatalogReader r, String text, boolean mustExist) {
        String s = text.trim();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return Integer.parseUnsignedInt(s);
        }
        List<String> parts = names(s);
        List<Relations.Rel> all = Relations.all(r);
        if (parts.size() == 2) {
            String schema = parts.get(0).equals("pg_temp") ? r.session().temporarySchema() : parts.get(0);
            for (Relations.Rel rel : all) {
                if (rel.schema().equals(schema) && rel.name().equals(parts.get(1))) {
                    return rel.oid();
                }
            }
        } else if (parts.size() == 1) {
            for (String schema : r.searchedSchemas()) {
                for (Relations.Rel rel : all) {
                    if (rel.schema().equals(schema) && rel.name().equals(parts.get(0))) {
                        return rel.oid();
                    }
                }
            }
        }
        if (!mustExist) {
            return null;
        }
        throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", s);
    }

    /** A role's oid from its name or its number, as regrolein reads it ("-" is 0). */
    private static Integer roleOid(CatalogReader r, String text) {
        String s = text.trim();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return Integer.parseUnsignedInt(s);
        }
        if (s.equals("-")) {
            return 0;
        }
        List<String> parts = names(s);
        if (parts.size() != 1) {
            throw DbException.of(SqlState.INVALID_NAME, "invalid name syntax");
        }
        String name = parts.get(0);
        if (name.equals("pg_database_owner")) {
            return Oids.DATABASE_OWNER_ROLE;
        }
        for (org.rustydb.spi.security.RoleInfo role : r.roles()) {
            if (role.name().equals(name)) {
                return (int) role.oid();
            }
        }
        throw DbException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", name);
    }

    /** Identifiers of a dotted name: folded unless quoted. */
    private static List<String> names(String s) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                    wasQuoted = true;
                }
            } else if (c == '.' && !quoted) {
                out.add(wasQuoted ? cur.toString() : Identifiers.fold(cur.toString()));
                cur.setLength(0);
                wasQuoted = false;
            } else {
                cur.append(c);
            }
        }
        out.add(wasQuoted ? cur.toString() : Identifiers.fold(cur.toString()));
        return out;
    }

    static String relationName(CatalogReader r, int oid) {
        Relations.Rel rel = Relations.byOid(r, oid);
        return rel == null ? Integer.toUnsignedString(oid) : Visibility.qualifiedIfHidden(r, rel.schema(), rel.name());
    }

    static Integer typeOid(String text, boolean mustExist) {
        try {
            return TypeNames.resolve(text.trim(), List.of(), false, 0).type().oid();
        } catch (DbException e) {
            for (PgTypes.TypeRow row : PgTypes.rows()) {
                if (row.name().equals(text.trim())) {
                    return row.oid();
                }
            }
            if (mustExist) {
                throw e;
            }
            return null;
        }
    }

    private static String namespaceName(CatalogReader r, int oid) {
        for (String s : r.schemas()) {
            if (Oids.namespace(s) == oid) {
                return Identifiers.quote(s);
            }
        }
        return Integer.toUnsignedString(oid);
    }

    private static Integer namespaceOid(CatalogReader r, String text) {
        String name = names(text.trim()).get(0);
        if (r.schemas().contains(name)) {
            return Oids.namespace(name);
        }
        throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", text.trim());
    }
}
