package org.rustydb.execution.internal.catalog;

import static org.rustydb.api.SqlType.BOOLEAN;
import static org.rustydb.api.SqlType.INTEGER;
import static org.rustydb.api.SqlType.TEXT;

import java.util.List;
import java.util.function.Function;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.function.BuiltinFunction;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * The functions clients call on catalog rows (psql's describe queries, drivers' metadata): they
 * read the storage catalog of the statement's transaction, so they are bound per statement like
 * the other session functions. Privilege checks answer true, as there are no privileges yet;
 * comments do not exist, so the description functions answer NULL.
 */
public final class CatalogFunctions {
    private CatalogFunctions() {
    }

    /** The overloads of {@code name}; empty when it is not one of these. */
    public static List<SqlFunction> overloads(SessionContext session, Transaction txn, String name) {
        CatalogReader r = new CatalogReader(session, txn);
        return switch (name) {
            case "pg_get_userbyid" -> List.of(fn(name, List.of(INTEGER), TEXT, a -> userName(r, (Integer) a[0])));
            case "pg_table_is_visible" -> List.of(fn(name, List.of(INTEGER), BOOLEAN, a -> tableVisible(r, (Integer) a[0])));
            case "pg_type_is_visible", "pg_function_is_visible", "pg_collation_is_visible" ->
                    List.of(fn(name, List.of(INTEGER), BOOLEAN, a -> true));
            case "format_type" -> List.of(BuiltinFunction.nonStrict(name, List.of(INTEGER, INTEGER), TEXT,
                    a -> a[0] == null ? null : PgTypes.format((Integer) a[0], (Integer) a[1])));
            case "pg_get_indexdef" -> List.of(fn(name, List.of(INTEGER), TEXT, a -> indexDef(r, (Integer) a[0], 0)),
                    fn(name, List.of(INTEGER, INTEGER, BOOLEAN), TEXT, a -> indexDef(r, (Integer) a[0], (Integer) a[1])));
            case "pg_get_constraintdef" -> List.of(fn(name, List.of(INTEGER), TEXT, a -> constraintDef(r, (Integer) a[0], false)),
                    fn(name, List.of(INTEGER, BOOLEAN), TEXT, a -> constraintDef(r, (Integer) a[0], (Boolean) a[1])));
            // adbin and conbin already hold the expression's text
            case "pg_get_expr" -> List.of(fn(name, List.of(TEXT, INTEGER), TEXT, a -> a[0]),
                    fn(name, List.of(TEXT, INTEGER, BOOLEAN), TEXT, a -> a[0]));
            case "pg_get_viewdef" -> List.of(fn(name, List.of(INTEGER), TEXT, a -> viewDef(r, (Integer) a[0])),
                    fn(name, List.of(INTEGER, BOOLEAN), TEXT, a -> viewDef(r, (Integer) a[0])));
            case "pg_get_statisticsobjdef_columns" -> List.of(fn(name, List.of(INTEGER), TEXT, a -> null));
            case "pg_get_function_result" -> List.of(fn(name, List.of(INTEGER), TEXT, a -> PgProc.result(r, (Integer) a[0])));
            case "pg_get_function_arguments", "pg_get_function_identity_arguments" -> List.of(fn(name, List.of(INTEGER),
                    TEXT, a -> PgProc.arguments(r, (Integer) a[0])));
            // no relation is a partition: the set of ancestors is empty, a NULL where a value is wanted
            case "pg_partition_ancestors", "pg_partition_root" -> List.of(BuiltinFunction.nonStrict(name,
                    List.of(INTEGER), INTEGER, a -> null));
            case "pg_get_triggerdef" -> List.of(fn(name, List.of(INTEGER), TEXT, a -> null),
                    fn(name, List.of(INTEGER, BOOLEAN), TEXT, a -> null));
            case "pg_get_functiondef" -> List.of(fn(name, List.of(INTEGER), TEXT, a -> PgProc.definition(r, (Integer) a[0])));
            case "obj_description" -> List.of(nullText(name, List.of(INTEGER)), nullText(name, List.of(INTEGER, TEXT)));
            case "col_description" -> List.of(nullText(name, List.of(INTEGER, INTEGER)));
            case "shobj_description" -> List.of(nullText(name, List.of(INTEGER, TEXT)));
            case "pg_get_serial_sequence" -> List.of(fn(name, List.of(TEXT, TEXT), TEXT,
                    a -> serialSequence(r, (String) a[0], (String) a[1])));
            case "current_database" -> List.of(fn(name, List.of(), TEXT, a -> session.database()));
            case "version" -> List.of(fn(name, List.of(), TEXT,
                    a -> "PostgreSQL 15.0 (RustyDB) on Java " + Runtime.version().feature() + ", 64-bit"));
            case "pg_encoding_to_char" -> List.of(fn(name, List.of(INTEGER), TEXT, a -> (Integer) a[0] == 6 ? "UTF8" : ""));
            case "pg_relation_is_publishable" -> List.of(fn(name, List.of(INTEGER), BOOLEAN, a -> false));
            case "has_table_privilege", "has_schema_privilege", "has_database_privilege", "has_column_privilege",
                 "has_sequence_privilege", "has_function_privilege" -> PrivilegeFunctions.overloads(r, name);
            case "to_regclass" -> List.of(fn(name, List.of(TEXT), INTEGER, a -> Regclass.parse(r, (String) a[0], false)));
            case "to_regtype" -> List.of(fn(name, List.of(TEXT), INTEGER, a -> Regclass.typeOid((String) a[0], false)));
            default -> List.of();
        };
    }

    private static SqlFunction fn(String name, List<SqlType> params, SqlType result, Function<Object[], Object> body) {
        return new BuiltinFunction(name, params, result, body);
    }

    private static SqlFunction nullText(String name, List<SqlType> params) {
        return BuiltinFunction.nonStrict(name, params, TEXT, a -> null);
    }

    static String userName(CatalogReader r, int oid) {
        String name = r.userName(oid);
        return name != null ? name : "unknown (OID=" + Integer.toUnsignedString(oid) + ")";
    }

    private static boolean tableVisible(CatalogReader r, int oid) {
        Relations.Rel rel = Relations.byOid(r, oid);
        return rel != null && Visibility.relationVisible(r, rel.schema(), rel.name());
    }

    /** The whole CREATE INDEX, or with {@code column} > 0 that key column's name. */
    private static String indexDef(CatalogReader r, int oid, int column) {
        for (TableHandle t : r.tables()) {
            for (IndexHandle i : r.indexes(t)) {
                if (Oids.relation(t.definition().schema(), i.definition().name()) == oid) {
                    if (column <= 0) {
                        return Definitions.indexDef(i);
                    }
                    List<Integer> cols = i.definition().columns();
                    return column > cols.size() ? ""
                            : Identifiers.quote(t.definition().columns().get(cols.get(column - 1)).name());
                }
            }
        }
        return null;
    }

    private static String constraintDef(CatalogReader r, int oid, boolean pretty) {
        for (PgConstraintTables.Con c : PgConstraintTables.constraints(r)) {
            if (c.oid() == oid) {
                return c.definition(pretty);
            }
        }
        return null;
    }

    private static String viewDef(CatalogReader r, int oid) {
        Relations.Rel rel = Relations.byOid(r, oid);
        return rel == null || rel.view() == null ? null : " " + rel.view().definition().query() + ";";
    }

    /** The sequence a serial or identity column takes its values from, schema-qualified. */
    private static String serialSequence(CatalogReader r, String table, String column) {
        Integer oid = Regclass.parse(r, table, true);
        TableHandle t = oid == null ? null : r.tableByOid(oid);
        if (t == null) {
            return null;
        }
        String col = Identifiers.name(column);
        for (var s : r.sequences()) {
            var d = s.definition();
            if (t.definition().name().equals(d.ownerTable()) && col.equals(d.ownerColumn())
                    && d.schema().equals(t.definition().schema())) {
                return Identifiers.quote(d.schema()) + "." + Identifiers.quote(d.name());
            }
        }
        return null;
    }
}
