package org.rustydb.execution.internal.catalog;

import org.rustydb.spi.security.ObjectRef;
import static org.rustydb.execution.internal.catalog.CatalogTypes.BOOL;
import static org.rustydb.execution.internal.catalog.CatalogTypes.CHAR;
import static org.rustydb.execution.internal.catalog.CatalogTypes.FLOAT4;
import static org.rustydb.execution.internal.catalog.CatalogTypes.INT2;
import static org.rustydb.execution.internal.catalog.CatalogTypes.INT4;
import static org.rustydb.execution.internal.catalog.CatalogTypes.NAME;
import static org.rustydb.execution.internal.catalog.CatalogTypes.OID;
import static org.rustydb.execution.internal.catalog.CatalogTypes.TEXT;
import static org.rustydb.execution.internal.catalog.CatalogTypes.TEXT_ARRAY;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableDefinition;

/** pg_namespace, pg_class, pg_attribute and pg_type. */
final class PgClassTables {
    private static final String PG = SearchPath.PG_CATALOG;

    private PgClassTables() {
    }

    static List<SystemTable> tables() {
        return List.of(namespace(), pgClass(), attribute(), type());
    }

    private static SystemTable namespace() {
        return new SystemTable.Builder(PG, "pg_namespace").col("oid", OID).col("nspname", NAME).col("nspowner", OID)
                .col("nspacl", TEXT_ARRAY)
                .rows(r -> r.schemas().stream()
                        .map(s -> builtIn(s) ? new Object[] {Oids.namespace(s), s, Oids.BOOTSTRAP_ROLE, null}
                                : new Object[] {Oids.namespace(s), s, r.ownerOid(ObjectRef.schema(s)),
                                        r.acl(ObjectRef.schema(s))})
                        .toList());
    }

    private static boolean builtIn(String schema) {
        return schema.equals(SearchPath.PG_CATALOG) || schema.equals(SearchPath.INFORMATION_SCHEMA);
    }

    private static SystemTable pgClass() {
        return new SystemTable.Builder(PG, "pg_class").col("oid", OID).col("relname", NAME).col("relnamespace", OID)
                .cols(OID, "reltype", "reloftype", "relowner", "relam", "relfilenode", "reltablespace")
                .col("relpages", INT4).col("reltuples", FLOAT4).col("relallvisible", INT4).col("reltoastrelid", OID)
                .cols(BOOL, "relhasindex", "relisshared").cols(CHAR, "relpersistence", "relkind")
                .cols(INT2, "relnatts", "relchecks")
                .cols(BOOL, "relhasrules", "relhastriggers", "relhassubclass", "relrowsecurity", "relforcerowsecurity",
                        "relispopulated")
                .col("relreplident", CHAR).col("relispartition", BOOL).col("relrewrite", OID)
                .cols(INT4, "relfrozenxid", "relminmxid").cols(TEXT_ARRAY, "relacl", "reloptions")
                .col("relpartbound", TEXT)
                .rows(PgClassTables::classRows);
    }

    private static List<Object[]> classRows(CatalogReader r) {
        List<Object[]> out = new ArrayList<>();
        for (Relations.Rel rel : Relations.all(r)) {
            boolean table = rel.kind() == 'r';
            TableDefinition d = rel.table() == null ? null : rel.table().definition();
            boolean hasIndex = rel.kind() == 'r' && d != null && !r.indexes(rel.table()).isEmpty();
            int checks = rel.kind() == 'r' && d != null ? d.checks().size() : 0;
            boolean triggers = rel.kind() == 'r' && d != null && hasForeignKeys(r, d);
            int am = table ? Oids.HEAP_AM : rel.kind() == 'i' ? Oids.BTREE_AM : 0;
            String persistence = r.temporary(rel.schema()) ? "t" : "p";
            String replident = table && d != null ? "d" : "n";
            double tuples = -1;
            boolean system = builtIn(rel.schema());
            ObjectRef object = CatalogReader.objectOf(rel);
            int owner = system ? Oids.BOOTSTRAP_ROLE : r.ownerOid(object);
            List<String> acl = system || rel.kind() == 'i' ? null : r.acl(object);
            out.add(new Object[] {rel.oid(), rel.name(), Oids.namespace(rel.schema()), 0, 0, owner, am,
                    rel.kind() == 'v' ? 0 : rel.oid(), 0, 0, (float) tuples, 0, 0, hasIndex, false, persistence,
                    String.valueOf(rel.kind()), (short) rel.columns().size(), (short) checks, false, triggers, false,
                    false, false, true, replident, false, 0, 0, 0, acl, null, null});
        }
        return out;
    }

    /** True when the table has foreign keys or others reference it: PostgreSQL keeps triggers for both. */
    static boolean hasForeignKeys(CatalogReader r, TableDefinition d) {
        if (!d.foreignKeys().isEmpty()) {
            return true;
        }
        return r.tables().stream().anyMatch(t -> t.definition().foreignKeys().stream()
                .anyMatch(fk -> fk.references(d.schema(), d.name())));
    }

    private static SystemTable attribute() {
        return new SystemTable.Builder(PG, "pg_attribute").col("attrelid", OID).col("attname", NAME)
                .col("atttypid", OID).col("attstattarget", INT4).col("attlen", INT2).col("attnum", INT2)
                .cols(INT4, "attndims", "attcacheoff", "atttypmod").col("attbyval", BOOL)
                .cols(CHAR, "attalign", "attstorage", "attcompression")
                .cols(BOOL, "attnotnull", "atthasdef", "atthasmissing").cols(CHAR, "attidentity", "attgenerated")
                .cols(BOOL, "attisdropped", "attislocal").col("attinhcount", INT4).col("attcollation", OID)
                .cols(TEXT_ARRAY, "attacl", "attoptions", "attfdwoptions").col("attmissingval", TEXT)
                .rows(PgClassTables::attributeRows);
    }

    private static List<Object[]> attributeRows(CatalogReader r) {
        List<Object[]> out = new ArrayList<>();
        for (Relations.Rel rel : Relations.all(r)) {
            for (int i = 0; i < rel.columns().size(); i++) {
                ColumnDefinition c = rel.columns().get(i);
                String identity = switch (c.identity()) {
                    case ALWAYS -> "a";
                    case BY_DEFAULT -> "d";
                    default -> "";
                };
                boolean hasDefault = rel.kind() == 'r' && c.defaultExpression() != null;
                boolean notNull = rel.kind() == 'r' || rel.kind() == 'S' ? c.notNull() : false;
                int length = c.type().length() < -1 ? -2 : c.type().length();
                int collation = c.type().isString() ? Oids.DEFAULT_COLLATION : 0;
                out.add(new Object[] {rel.oid(), c.name(), c.type().oid(), -1, (short) length, (short) (i + 1),
                        c.type().isArray() ? 1 : 0, -1, CatalogReader.pgTypmod(c.type(), c.typeModifier()),
                        length > 0 && length <= 8, "i", length > 0 ? "p" : "x", "", notNull, hasDefault, false,
                        identity, "", false, true, 0, collation,
                        rel.kind() == 'r' || rel.kind() == 'v' ? r.columnAcl(CatalogReader.objectOf(rel), c.name()) : null,
                        null, null, null});
            }
        }
        return out;
    }

    /** The name of a type's input, output, receive or send function: array_in for every array type. */
    private static String io(PgTypes.TypeRow t, String kind) {
        return (t.category() == 'A' && t.element() != 0 ? "array_" : t.name()) + kind;
    }

    private static SystemTable type() {
        return new SystemTable.Builder(PG, "pg_type").col("oid", OID).col("typname", NAME).col("typnamespace", OID)
                .col("typowner", OID).col("typlen", INT2).col("typbyval", BOOL).cols(CHAR, "typtype", "typcategory")
                .cols(BOOL, "typispreferred", "typisdefined").col("typdelim", CHAR)
                .cols(OID, "typrelid", "typsubscript", "typelem", "typarray")
                .cols(TEXT, "typinput", "typoutput", "typreceive", "typsend", "typmodin", "typmodout", "typanalyze")
                .cols(CHAR, "typalign", "typstorage").col("typnotnull", BOOL).col("typbasetype", OID)
                .cols(INT4, "typtypmod", "typndims").col("typcollation", OID).col("typdefaultbin", TEXT)
                .col("typdefault", TEXT).col("typacl", TEXT_ARRAY)
                .rows(r -> PgTypes.rows().stream().map(t -> new Object[] {t.oid(), t.name(), Oids.PG_CATALOG_NAMESPACE,
                        Oids.BOOTSTRAP_ROLE, (short) t.length(), t.byValue(),
                        t.category() == 'P' ? "p" : "b", String.valueOf(t.category()), false, true, ",", 0, 0,
                        t.element(), t.array(), io(t, "in"), io(t, "out"), io(t, "recv"), io(t, "send"), "-", "-", "-", "i", t.length() > 0 ? "p" : "x", false, 0, -1, 0,
                        t.collation(), null, null, null}).toList());
    }
}
