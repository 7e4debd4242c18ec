package org.rustydb.execution.internal.catalog;

import static org.rustydb.execution.internal.catalog.CatalogTypes.BOOL;
import static org.rustydb.execution.internal.catalog.CatalogTypes.CHAR;
import static org.rustydb.execution.internal.catalog.CatalogTypes.INT2;
import static org.rustydb.execution.internal.catalog.CatalogTypes.INT2_ARRAY;
import static org.rustydb.execution.internal.catalog.CatalogTypes.INT4;
import static org.rustydb.execution.internal.catalog.CatalogTypes.NAME;
import static org.rustydb.execution.internal.catalog.CatalogTypes.OID;
import static org.rustydb.execution.internal.catalog.CatalogTypes.OID_ARRAY;
import static org.rustydb.execution.internal.catalog.CatalogTypes.TEXT;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.execution.internal.types.VectorValue;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;

/** pg_index, pg_constraint and pg_attrdef, from the tables' keys, checks, foreign keys and defaults. */
final class PgConstraintTables {
    private static final String PG = SearchPath.PG_CATALOG;

    private PgConstraintTables() {
    }

    static List<SystemTable> tables() {
        return List.of(index(), constraint(), attrdef());
    }

    private static SystemTable index() {
        return new SystemTable.Builder(PG, "pg_index").cols(OID, "indexrelid", "indrelid")
                .cols(INT2, "indnatts", "indnkeyatts")
                .cols(BOOL, "indisunique", "indnullsnotdistinct", "indisprimary", "indisexclusion", "indimmediate",
                        "indisclustered", "indisvalid", "indcheckxmin", "indisready", "indislive", "indisreplident")
                .col("indkey", INT2_ARRAY).cols(OID_ARRAY, "indcollation", "indclass").col("indoption", INT2_ARRAY)
                .cols(TEXT, "indexprs", "indpred")
                .rows(PgConstraintTables::indexRows);
    }

    private static List<Object[]> indexRows(CatalogReader r) {
        List<Object[]> out = new ArrayList<>();
        for (TableHandle t : r.tables()) {
            TableDefinition d = t.definition();
            for (IndexHandle i : r.indexes(t)) {
                UniqueKey key = keyOf(d, i);
                List<Short> keys = new ArrayList<>();
                List<Integer> collations = new ArrayList<>();
                List<Integer> classes = new ArrayList<>();
                List<Short> options = new ArrayList<>();
                for (int c : i.definition().columns()) {
                    keys.add((short) (c + 1));
                    collations.add(d.columns().get(c).type().isString() ? Oids.DEFAULT_COLLATION : 0);
                    classes.add(0);
                    options.add((short) 0);
                }
                short n = (short) keys.size();
                out.add(new Object[] {Oids.relation(d.schema(), i.definition().name()),
                        Oids.relation(d.schema(), d.name()), n, n, i.definition().unique(), false,
                        key != null && key.primary(), false, true, false, true, false, true, true, false,
                        new VectorValue(keys), new VectorValue(collations), new VectorValue(classes),
                        new VectorValue(options), null, null});
            }
        }
        return out;
    }

    /** The unique key an index enforces (same name), or null. */
    static UniqueKey keyOf(TableDefinition d, IndexHandle index) {
        for (UniqueKey k : d.uniqueKeys()) {
            if (k.name().equals(index.definition().name())) {
                return k;
            }
        }
        return null;
    }

    /** One row of pg_constraint, with its definition for pg_get_constraintdef. */
    record Con(int oid, String name, String schema, char type, boolean deferrable, boolean deferred,
               TableDefinition table, int indexOid, int referencedOid, ForeignKey foreignKey, List<Short> keys,
               List<Short> referencedKeys, String definition, String checkText, String plainDefinition) {
        /** pg_get_constraintdef's text: {@code pretty} as psql asks for it. */
        String definition(boolean pretty) {
            return pretty || plainDefinition == null ? definition : plainDefinition;
        }
    }

    static List<Con> constraints(CatalogReader r) {
        List<Con> out = new ArrayList<>();
        for (TableHandle t : r.tables()) {
            TableDefinition d = t.definition();
            for (UniqueKey k : d.uniqueKeys()) {
                out.add(new Con(Oids.constraint(d.schema(), d.name(), k.name()), k.name(), d.schema(),
                        k.primary() ? 'p' : 'u', false, false, d, Oids.relation(d.schema(), k.name()), 0, null,
                        attnums(k.columns()), null, Definitions.keyDef(d, k), null, null));
            }
            for (var c : d.checks()) {
                String expr = Definitions.checkExpr(r, d, c.expression(), true);
                String plain = Definitions.checkExpr(r, d, c.expression(), false);
                out.add(new Con(Oids.constraint(d.schema(), d.name(), c.name()), c.name(), d.schema(), 'c', false,
                        false, d, 0, 0, null, Definitions.checkColumns(r, d, c.expression()), null,
                        "CHECK (" + expr + ")", expr, "CHECK (" + plain + ")"));
            }
            for (ForeignKey fk : d.foreignKeys()) {
                String refKey = referencedKey(r, fk);
                out.add(new Con(Oids.constraint(d.schema(), d.name(), fk.name()), fk.name(), d.schema(), 'f',
                        fk.deferrable(), fk.initiallyDeferred(), d,
                        refKey == null ? 0 : Oids.relation(fk.referencedSchema(), refKey),
                        Oids.relation(fk.referencedSchema(), fk.referencedTable()), fk, attnums(fk.columns()),
                        attnums(fk.referencedColumns()), Definitions.foreignKeyDef(r, d, fk), null, null));
            }
        }
        return out;
    }

    /** The unique key of the referenced table a foreign key relies on, by its columns. */
    private static String referencedKey(CatalogReader r, ForeignKey fk) {
        for (TableHandle t : r.tables()) {
            if (fk.references(t.definition().schema(), t.definition().name())) {
                for (UniqueKey k : t.definition().uniqueKeys()) {
                    if (new java.util.HashSet<>(k.columns()).equals(new java.util.HashSet<>(fk.referencedColumns()))) {
                        return k.name();
                    }
                }
            }
        }
        return null;
    }

    private static List<Short> attnums(List<Integer> columns) {
        return columns.stream().map(c -> (short) (c + 1)).toList();
    }

    private static String action(ForeignKey.Action a) {
        return switch (a) {
            case NO_ACTION -> "a";
            case RESTRICT -> "r";
            case CASCADE -> "c";
            case SET_NULL -> "n";
            case SET_DEFAULT -> "d";
        };
    }

    private static SystemTable constraint() {
        return new SystemTable.Builder(PG, "pg_constraint").col("oid", OID).col("conname", NAME)
                .col("connamespace", OID).col("contype", CHAR).cols(BOOL, "condeferrable", "condeferred",
                        "convalidated")
                .cols(OID, "conrelid", "contypid", "conindid", "conparentid", "confrelid")
                .cols(CHAR, "confupdtype", "confdeltype", "confmatchtype").col("conislocal", BOOL)
                .col("coninhcount", INT4).col("connoinherit", BOOL).cols(INT2_ARRAY, "conkey", "confkey")
                .cols(OID_ARRAY, "conpfeqop", "conppeqop", "conffeqop").col("confdelsetcols", INT2_ARRAY)
                .col("conexclop", OID_ARRAY).col("conbin", TEXT)
                .rows(r -> constraints(r).stream().map(c -> {
                    ForeignKey fk = c.foreignKey();
                    return new Object[] {c.oid(), c.name(), Oids.namespace(c.schema()), String.valueOf(c.type()),
                            c.deferrable(), c.deferred(), true, Oids.relation(c.table().schema(), c.table().name()),
                            0, c.indexOid(), 0, c.referencedOid(), fk == null ? " " : action(fk.onUpdate()),
                            fk == null ? " " : action(fk.onDelete()), fk == null ? " " : fk.matchFull() ? "f" : "s",
                            true, 0, false, c.keys(), c.referencedKeys(), null, null, null, null, null,
                            c.checkText()};
                }).toList());
    }

    private static SystemTable attrdef() {
        return new SystemTable.Builder(PG, "pg_attrdef").col("oid", OID).col("adrelid", OID).col("adnum", INT2)
                .col("adbin", TEXT)
                .rows(r -> {
                    List<Object[]> out = new ArrayList<>();
                    for (TableHandle t : r.tables()) {
                        TableDefinition d = t.definition();
                        for (int i = 0; i < d.columns().size(); i++) {
                            ColumnDefinition c = d.columns().get(i);
                            if (c.defaultExpression() != null) {
                                out.add(new Object[] {Oids.hash("d", d.schema() + "." + d.name(), c.name()),
                                        Oids.relation(d.schema(), d.name()), (short) (i + 1),
                                        Definitions.defaultExpr(r, c)});
                            }
                        }
                    }
                    return out;
                });
    }
}
