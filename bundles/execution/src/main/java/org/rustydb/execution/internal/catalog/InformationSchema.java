package org.rustydb.execution.internal.catalog;

import static org.rustydb.execution.internal.catalog.CatalogTypes.INT4;
import static org.rustydb.execution.internal.catalog.CatalogTypes.TEXT;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.storage.ViewHandle;

/**
 * The information_schema views the SQL standard defines, over user relations (PostgreSQL's
 * sql_identifier, character_data and yes_or_no domains are text, cardinal_number an integer).
 */
final class InformationSchema {
    private static final String IS = CatalogReader.INFORMATION_SCHEMA;

    private InformationSchema() {
    }

    static List<SystemTable> tables() {
        return List.of(schemata(), tables_(), columns(), views(), tableConstraints(), keyColumnUsage(),
                referentialConstraints(), sequences());
    }

    private static SystemTable.Builder b(String name) {
        return new SystemTable.Builder(IS, name);
    }

    private static SystemTable schemata() {
        return b("schemata").cols(TEXT, "catalog_name", "schema_name", "schema_owner", "default_character_set_catalog",
                        "default_character_set_schema", "default_character_set_name", "sql_path")
                .rows(r -> r.schemas().stream().map(s -> new Object[] {r.session().database(), s,
                        s.equals("pg_catalog") || s.equals("information_schema") ? r.userName(Oids.BOOTSTRAP_ROLE)
                                : r.ownerName(org.rustydb.spi.security.ObjectRef.schema(s)),
                        null, null, null, null}).toList());
    }

    private static SystemTable tables_() {
        return b("tables").cols(TEXT, "table_catalog", "table_schema", "table_name", "table_type",
                        "self_referencing_column_name", "reference_generation", "user_defined_type_catalog",
                        "user_defined_type_schema", "user_defined_type_name", "is_insertable_into", "is_typed",
                        "commit_action")
                .rows(r -> {
                    List<Object[]> out = new ArrayList<>();
                    String db = r.session().database();
                    for (TableHandle t : r.tables()) {
                        var d = t.definition();
                        boolean temp = r.temporary(d.schema());
                        out.add(new Object[] {db, d.schema(), d.name(), temp ? "LOCAL TEMPORARY" : "BASE TABLE", null,
                                null, null, null, null, "YES", "NO", temp ? "PRESERVE" : null});
                    }
                    for (ViewHandle v : r.views()) {
                        var d = v.definition();
                        out.add(new Object[] {db, d.schema(), d.name(), "VIEW", null, null, null, null, null, "NO",
                                "NO", null});
                    }
                    return out;
                });
    }

    private static SystemTable columns() {
        return b("columns").cols(TEXT, "table_catalog", "table_schema", "table_name", "column_name")
                .col("ordinal_position", INT4).cols(TEXT, "column_default", "is_nullable", "data_type")
                .cols(INT4, "character_maximum_length", "character_octet_length", "numeric_precision",
                        "numeric_precision_radix", "numeric_scale", "datetime_precision")
                .col("interval_type", TEXT).col("interval_precision", INT4)
                .cols(TEXT, "character_set_catalog", "character_set_schema", "character_set_name",
                        "collation_catalog", "collation_schema", "collation_name", "domain_catalog", "domain_schema",
                        "domain_name", "udt_catalog", "udt_schema", "udt_name", "scope_catalog", "scope_schema",
                        "scope_name")
                .col("maximum_cardinality", INT4)
                .cols(TEXT, "dtd_identifier", "is_self_referencing", "is_identity", "identity_generation",
                        "identity_start", "identity_increment", "identity_maximum", "identity_minimum",
                        "identity_cycle", "is_generated", "generation_expression", "is_updatable")
                .rows(InformationSchema::columnRows);
    }

    private static List<Object[]> columnRows(CatalogReader r) {
        List<Object[]> out = new ArrayList<>();
        for (TableHandle t : r.tables()) {
            var d = t.definition();
            for (int i = 0; i < d.columns().size(); i++) {
                ColumnDefinition c = d.columns().get(i);
                String def = c.defaultExpression() == null || c.identity() != ColumnDefinition.Identity.NONE ? null
                        : Definitions.defaultExpr(r, c);
                out.add(column(r, d.schema(), d.name(), c, i, def, !c.notNull(), true));
            }
        }
        for (ViewHandle v : r.views()) {
            var d = v.definition();
            for (int i = 0; i < d.columns().size(); i++) {
                out.add(column(r, d.schema(), d.name(), d.columns().get(i), i, null, true, false));
            }
        }
        return out;
    }

    private static Object[] column(CatalogReader r, String schema, String table, ColumnDefinition c, int i,
                                   String def, boolean nullable, boolean updatable) {
        SqlType t = c.type();
        int mod = c.typeModifier();
        Integer charMax = (t == SqlType.VARCHAR || t == SqlType.CHAR) && mod >= 0 ? Integer.valueOf(mod) : null;
        Integer octets = t.isString() ? Integer.valueOf(charMax == null ? 1073741824 : charMax * 4) : null;
        Integer precision = switch (t) {
            case SMALLINT -> 16;
            case INTEGER -> 32;
            case BIGINT -> 64;
            case REAL -> 24;
            case DOUBLE -> 53;
            case NUMERIC -> mod >= 0 ? Integer.valueOf(mod >>> 16) : null;
            default -> null;
        };
        Integer radix = t.isInteger() || t.isFloat() ? Integer.valueOf(2) : t == SqlType.NUMERIC ? Integer.valueOf(10)
                : null;
        Integer scale = t.isInteger() ? Integer.valueOf(0)
                : t == SqlType.NUMERIC && mod >= 0 ? Integer.valueOf((short) (mod & 0xFFFF)) : null;
        Integer datetime = t == SqlType.DATE ? Integer.valueOf(0)
                : t.isDateTime() || t == SqlType.INTERVAL ? Integer.valueOf(mod >= 0 ? mod : 6) : null;
        String dataType = t.isArray() ? "ARRAY" : t == SqlType.CHAR ? "character" : t.sqlName();
        String db = r.session().database();
        String identity = switch (c.identity()) {
            case ALWAYS -> "ALWAYS";
            case BY_DEFAULT -> "BY DEFAULT";
            default -> null;
        };
        return new Object[] {db, schema, table, c.name(), i + 1, def, nullable ? "YES" : "NO", dataType, charMax,
                octets, precision, radix, scale, datetime, null, null, null, null, null, null, null, null, null, null,
                null, db, "pg_catalog", org.rustydb.execution.internal.types.DataType.internalName(t), null, null, null,
                null, String.valueOf(i + 1), "NO", identity == null ? "NO" : "YES", identity, null, null, null, null,
                identity == null ? null : "NO", "NEVER", null, updatable ? "YES" : "NO"};
    }

    private static SystemTable views() {
        return b("views").cols(TEXT, "table_catalog", "table_schema", "table_name", "view_definition",
                        "check_option", "is_updatable", "is_insertable_into", "is_trigger_updatable",
                        "is_trigger_deletable", "is_trigger_insertable_into")
                .rows(r -> r.views().stream().map(v -> new Object[] {r.session().database(), v.definition().schema(),
                        v.definition().name(), v.definition().query(), "NONE", "NO", "NO", "NO", "NO", "NO"}).toList());
    }

    private static SystemTable tableConstraints() {
        return b("table_constraints").cols(TEXT, "constraint_catalog", "constraint_schema", "constraint_name",
                        "table_catalog", "table_schema", "table_name", "constraint_type", "is_deferrable",
                        "initially_deferred", "enforced", "nulls_distinct")
                .rows(r -> {
                    List<Object[]> out = new ArrayList<>();
                    String db = r.session().database();
                    for (PgConstraintTables.Con c : PgConstraintTables.constraints(r)) {
                        String type = switch (c.type()) {
                            case 'p' -> "PRIMARY KEY";
                            case 'u' -> "UNIQUE";
                            case 'f' -> "FOREIGN KEY";
                            default -> "CHECK";
                        };
                        out.add(new Object[] {db, c.schema(), c.name(), db, c.schema(), c.table().name(), type,
                                c.deferrable() ? "YES" : "NO", c.deferred() ? "YES" : "NO", "YES",
                                c.type() == 'p' || c.type() == 'u' ? "YES" : null});
                    }
                    return out;
                });
    }

    private static SystemTable keyColumnUsage() {
        return b("key_column_usage").cols(TEXT, "constraint_catalog", "constraint_schema", "constraint_name",
                        "table_catalog", "table_schema", "table_name", "column_name")
                .cols(INT4, "ordinal_position", "position_in_unique_constraint")
                .rows(r -> {
                    List<Object[]> out = new ArrayList<>();
                    String db = r.session().database();
                    for (TableHandle h : r.tables()) {
                        TableDefinition d = h.definition();
                        for (UniqueKey k : d.uniqueKeys()) {
                            for (int i = 0; i < k.columns().size(); i++) {
                                out.add(new Object[] {db, d.schema(), k.name(), db, d.schema(), d.name(),
                                        d.columns().get(k.columns().get(i)).name(), i + 1, null});
                            }
                        }
                        for (ForeignKey fk : d.foreignKeys()) {
                            for (int i = 0; i < fk.columns().size(); i++) {
                                out.add(new Object[] {db, d.schema(), fk.name(), db, d.schema(), d.name(),
                                        d.columns().get(fk.columns().get(i)).name(), i + 1, i + 1});
                            }
                        }
                    }
                    return out;
                });
    }

    private static SystemTable referentialConstraints() {
        return b("referential_constraints").cols(TEXT, "constraint_catalog", "constraint_schema", "constraint_name",
                        "unique_constraint_catalog", "unique_constraint_schema", "unique_constraint_name",
                        "match_option", "update_rule", "delete_rule")
                .rows(r -> {
                    List<Object[]> out = new ArrayList<>();
                    String db = r.session().database();
                    for (PgConstraintTables.Con c : PgConstraintTables.constraints(r)) {
                        if (c.type() != 'f') {
                            continue;
                        }
                        ForeignKey fk = c.foreignKey();
                        String key = null;
                        for (PgConstraintTables.Con k : PgConstraintTables.constraints(r)) {
                            if ((k.type() == 'p' || k.type() == 'u') && k.indexOid() == c.indexOid()) {
                                key = k.name();
                            }
                        }
                        out.add(new Object[] {db, c.schema(), c.name(), key == null ? null : db,
                                key == null ? null : fk.referencedSchema(), key, fk.matchFull() ? "FULL" : "NONE",
                                fk.onUpdate().name().replace('_', ' '), fk.onDelete().name().replace('_', ' ')});
                    }
                    return out;
                });
    }

    private static SystemTable sequences() {
        return b("sequences").cols(TEXT, "sequence_catalog", "sequence_schema", "sequence_name", "data_type")
                .cols(INT4, "numeric_precision", "numeric_precision_radix", "numeric_scale")
                .cols(TEXT, "start_value", "minimum_value", "maximum_value", "increment", "cycle_option")
                .rows(r -> r.sequences().stream().map(s -> {
                    var d = s.definition();
                    int precision = d.type() == SqlType.SMALLINT ? 16 : d.type() == SqlType.INTEGER ? 32 : 64;
                    return new Object[] {r.session().database(), d.schema(), d.name(), d.type().sqlName(), precision,
                            2, 0, Long.toString(d.start()), Long.toString(d.minValue()), Long.toString(d.maxValue()),
                            Long.toString(d.increment()), d.cycle() ? "YES" : "NO"};
                }).toList());
    }
}
