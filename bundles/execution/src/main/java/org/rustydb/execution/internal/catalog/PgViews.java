package org.rustydb.execution.internal.catalog;

import static org.rustydb.execution.internal.catalog.CatalogTypes.BOOL;
import static org.rustydb.execution.internal.catalog.CatalogTypes.INT8;
import static org.rustydb.execution.internal.catalog.CatalogTypes.NAME;
import static org.rustydb.execution.internal.catalog.CatalogTypes.OID;
import static org.rustydb.execution.internal.catalog.CatalogTypes.TEXT;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableHandle;

/** pg_tables, pg_views, pg_indexes, pg_sequences and pg_sequence. */
final class PgViews {
    private PgViews() {
    }

    static List<SystemTable> tables() {
        return List.of(
                b("pg_tables").cols(NAME, "schemaname", "tablename", "tableowner", "tablespace")
                        .cols(BOOL, "hasindexes", "hasrules", "hastriggers", "rowsecurity")
                        .rows(r -> r.tables().stream().map(t -> {
                            var d = t.definition();
                            return new Object[] {d.schema(), d.name(),
                                    r.ownerName(org.rustydb.spi.security.ObjectRef.relation(d.schema(), d.name())), null,
                                    !r.indexes(t).isEmpty(), false, PgClassTables.hasForeignKeys(r, d), false};
                        }).toList()),
                b("pg_views").cols(NAME, "schemaname", "viewname", "viewowner").col("definition", TEXT)
                        .rows(r -> r.views().stream().map(v -> new Object[] {v.definition().schema(),
                                v.definition().name(), r.ownerName(org.rustydb.spi.security.ObjectRef.relation(v.definition().schema(),
                                v.definition().name())), " " + v.definition().query() + ";"}).toList()),
                b("pg_indexes").cols(NAME, "schemaname", "tablename", "indexname", "tablespace").col("indexdef", TEXT)
                        .rows(r -> {
                            List<Object[]> out = new ArrayList<>();
                            for (TableHandle t : r.tables()) {
                                for (IndexHandle i : r.indexes(t)) {
                                    out.add(new Object[] {t.definition().schema(), t.definition().name(),
                                            i.definition().name(), null, Definitions.indexDef(i)});
                                }
                            }
                            return out;
                        }),
                b("pg_sequences").cols(NAME, "schemaname", "sequencename", "sequenceowner").col("data_type", TEXT)
                        .cols(INT8, "start_value", "min_value", "max_value", "increment_by").col("cycle", BOOL)
                        .cols(INT8, "cache_size", "last_value")
                        .rows(r -> r.sequences().stream().map(s -> {
                            var d = s.definition();
                            return new Object[] {d.schema(), d.name(),
                                    r.ownerName(org.rustydb.spi.security.ObjectRef.sequence(d.schema(), d.name())),
                                    d.type().sqlName(),
                                    d.start(), d.minValue(), d.maxValue(), d.increment(), d.cycle(), 1L, null};
                        }).toList()),
                b("pg_sequence").col("seqrelid", OID).col("seqtypid", OID)
                        .cols(INT8, "seqstart", "seqincrement", "seqmax", "seqmin", "seqcache").col("seqcycle", BOOL)
                        .rows(r -> r.sequences().stream().map(s -> {
                            var d = s.definition();
                            return new Object[] {Oids.relation(d.schema(), d.name()), d.type().oid(), d.start(),
                                    d.increment(), d.maxValue(), d.minValue(), 1L, d.cycle()};
                        }).toList()));
    }

    private static SystemTable.Builder b(String name) {
        return new SystemTable.Builder(SearchPath.PG_CATALOG, name);
    }
}
