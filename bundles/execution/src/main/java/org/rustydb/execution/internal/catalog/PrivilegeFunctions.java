package org.rustydb.execution.internal.catalog;

import static org.rustydb.api.SqlType.BOOLEAN;
import static org.rustydb.api.SqlType.INTEGER;
import static org.rustydb.api.SqlType.SMALLINT;
import static org.rustydb.api.SqlType.TEXT;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.function.BuiltinFunction;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privilege;
import org.rustydb.spi.security.Privileges;
import org.rustydb.spi.storage.ColumnDefinition;

/**
 * has_table_privilege, has_column_privilege, has_sequence_privilege, has_schema_privilege,
 * has_database_privilege and has_function_privilege as PostgreSQL's: an object by name (errors when
 * it does not exist) or oid (NULL then), a user by name (42704 when unknown) or oid, the privilege
 * as a comma-separated list of which any will do, each optionally WITH GRANT OPTION (held as the
 * owner or a superuser here); 22023 for an unknown privilege name. Without the security bundle
 * every answer is true.
 */
final class PrivilegeFunctions {
    private final CatalogReader r;
    private final String name;

    private PrivilegeFunctions(CatalogReader r, String name) {
        this.r = r;
        this.name = name;
    }

    static List<SqlFunction> overloads(CatalogReader r, String name) {
        return new PrivilegeFunctions(r, name).overloads();
    }

    private List<SqlFunction> overloads() {
        List<SqlFunction> out = new ArrayList<>();
        if (name.equals("has_column_privilege")) {
            for (SqlType table : List.of(TEXT, INTEGER)) {
                for (SqlType column : List.of(TEXT, SMALLINT)) {
                    out.add(fn(List.of(table, column, TEXT), a -> column(r.session().user(), a[0], a[1], (String) a[2])));
                    out.add(fn(List.of(TEXT, table, column, TEXT), a -> column(user(a[0]), a[1], a[2], (String) a[3])));
                    out.add(fn(List.of(INTEGER, table, column, TEXT), a -> column(user(a[0]), a[1], a[2], (String) a[3])));
                }
            }
            return out;
        }
        out.add(fn(List.of(TEXT, TEXT), a -> check(r.session().user(), a[0], (String) a[1])));
        out.add(fn(List.of(INTEGER, TEXT), a -> check(r.session().user(), a[0], (String) a[1])));
        out.add(fn(List.of(TEXT, TEXT, TEXT), a -> check(user(a[0]), a[1], (String) a[2])));
        out.add(fn(List.of(TEXT, INTEGER, TEXT), a -> check(user(a[0]), a[1], (String) a[2])));
        out.add(fn(List.of(INTEGER, TEXT, TEXT), a -> check(user(a[0]), a[1], (String) a[2])));
        out.add(fn(List.of(INTEGER, INTEGER, TEXT), a -> check(user(a[0]), a[1], (String) a[2])));
        return out;
    }

    private SqlFunction fn(List<SqlType> params, Function<Object[], Object> body) {
        return new BuiltinFunction(name, params, BOOLEAN, body);
    }

    /** The role a user argument names; null (the answer NULL) for an unknown oid. */
    private String user(Object arg) {
        if (arg instanceof Integer oid) {
            return r.userName(oid);
        }
        String role = (String) arg;
        if (role.equalsIgnoreCase("public")) {
            return "\u0000public";
        }
        Privileges p = r.privileges();
        if (p != null && !p.roleExists(role)) {
            throw DbException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", role);
        }
        return role;
    }

    private record Wanted(int privileges, boolean grantOption) {
    }

    /** The privileges a list names (any will do), checked against what the kind allows. */
    private List<Wanted> parse(String text, int allowed) {
        List<Wanted> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String s = part.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            boolean option = s.endsWith(" WITH GRANT OPTION");
            if (option) {
                s = s.substring(0, s.length() - " WITH GRANT OPTION".length()).trim();
            }
            Privilege p = Privilege.of(s);
            if (p == null || (p.bit() & allowed) == 0) {
                throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "unrecognized privilege type: \"%s\"",
                        part.trim());
            }
            out.add(new Wanted(p.bit(), option));
        }
        return out;
    }

    private Boolean check(String user, Object object, String privilege) {
        return switch (name) {
            case "has_table_privilege" -> table(user, object, privilege, Privilege.ALL_TABLE, false);
            case "has_sequence_privilege" -> table(user, object, privilege, Privilege.ALL_SEQUENCE, true);
            case "has_schema_privilege" -> simple(user, schema(object), privilege, Privilege.ALL_SCHEMA);
            case "has_database_privilege" -> simple(user, database(object), privilege, Privilege.ALL_DATABASE);
            default -> simple(user, function(object), privilege, Privilege.ALL_FUNCTION);
        };
    }

    private Boolean table(String user, Object object, String privilege, int allowed, boolean sequence) {
        List<Wanted> wanted = parse(privilege, allowed);
        Relations.Rel rel = relation(object);
        if (rel == null || user == null) {
            return null;
        }
        if (sequence && rel.kind() != 'S') {
            throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a sequence", object);
        }
        return any(user, CatalogReader.objectOf(rel), wanted);
    }

    private Relations.Rel relation(Object object) {
        Integer oid = object instanceof Integer i ? i : Regclass.parse(r, (String) object, true);
        return Relations.byOid(r, oid);
    }

    private Boolean simple(String user, ObjectRef ref, String privilege, int allowed) {
        List<Wanted> wanted = parse(privilege, allowed);
        return ref == null || user == null ? null : any(user, ref, wanted);
    }

    private boolean any(String user, ObjectRef ref, List<Wanted> wanted) {
        Privileges p = r.privileges();
        if (p == null) {
            return true;
        }
        for (Wanted w : wanted) {
            boolean held = user.equals("\u0000public") ? publicHolds(p, ref, w.privileges())
                    : p.has(user, ref, w.privileges());
            if (held && (!w.grantOption() || p.isOwner(user, ref))) {
                return true;
            }
        }
        return false;
    }

    private static boolean publicHolds(Privileges p, ObjectRef ref, int bits) {
        return p.effectiveAcl(ref).stream().anyMatch(i -> i.grantee() == null && (i.privileges() & bits) == bits);
    }

    private ObjectRef schema(Object object) {
        if (object instanceof Integer oid) {
            return r.schemas().stream().filter(s -> Oids.namespace(s) == oid).findFirst().map(ObjectRef::schema)
                    .orElse(null);
        }
        String s = (String) object;
        if (!r.schemas().contains(s)) {
            throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", s);
        }
        return ObjectRef.schema(s);
    }

    private ObjectRef database(Object object) {
        String db = r.session().database();
        if (object instanceof Integer oid) {
            return oid == Oids.DATABASE ? ObjectRef.database(db) : null;
        }
        if (!db.equals(object)) {
            throw DbException.of("3D000", "database \"%s\" does not exist", object);
        }
        return ObjectRef.database(db);
    }

    private ObjectRef function(Object object) {
        if (object instanceof Integer) {
            return null; // no function has an oid here
        }
        String text = ((String) object).trim();
        int paren = text.indexOf('(');
        String fn = (paren < 0 ? text : text.substring(0, paren)).trim().toLowerCase(Locale.ROOT);
        String schema = "pg_catalog";
        if (fn.contains(".")) {
            schema = fn.substring(0, fn.indexOf('.'));
            fn = fn.substring(fn.indexOf('.') + 1);
        }
        if (r.session().functions(fn).isEmpty()) {
            throw DbException.of(SqlState.UNDEFINED_FUNCTION, "function \"%s\" does not exist", text);
        }
        return ObjectRef.function(schema, fn);
    }

    private Boolean column(String user, Object table, Object column, String privilege) {
        List<Wanted> wanted = parse(privilege, Privilege.ALL_COLUMN);
        Relations.Rel rel = relation(table);
        if (rel == null || user == null) {
            return null;
        }
        String col;
        if (column instanceof Short n) {
            if (n < 1 || n > rel.columns().size()) {
                return null;
            }
            col = rel.columns().get(n - 1).name();
        } else {
            col = (String) column;
            if (rel.columns().stream().map(ColumnDefinition::name).noneMatch(col::equals)) {
                throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist", col,
                        rel.name());
            }
        }
        Privileges p = r.privileges();
        if (p == null) {
            return true;
        }
        ObjectRef ref = CatalogReader.objectOf(rel);
        for (Wanted w : wanted) {
            if (p.hasColumn(user, ref, col, w.privileges()) && (!w.grantOption() || p.isOwner(user, ref))) {
                return true;
            }
        }
        return false;
    }
}
