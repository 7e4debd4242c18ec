package org.rustydb.execution.internal.catalog;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.SequenceHandle;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.ViewHandle;

/**
 * Every relation pg_class lists, with what pg_class and pg_attribute say of it: tables, views,
 * sequences, indexes, and the system catalogs themselves.
 */
final class Relations {
    /**
     * One relation.
     *
     * @param kind    pg_class.relkind
     * @param columns its columns (an index's are those of the table it covers)
     * @param table   the table, or the table an index covers, else null
     * @param index   the index, else null
     */
    record Rel(int oid, String schema, String name, char kind, List<ColumnDefinition> columns, TableHandle table,
               IndexHandle index, ViewHandle view, SequenceHandle sequence) {
    }

    private Relations() {
    }

    static List<Rel> all(CatalogReader reader) {
        List<Rel> out = new ArrayList<>();
        for (TableHandle t : reader.tables()) {
            var d = t.definition();
            out.add(new Rel(Oids.relation(d.schema(), d.name()), d.schema(), d.name(), 'r', d.columns(), t, null, null,
                    null));
            for (IndexHandle i : reader.indexes(t)) {
                List<ColumnDefinition> cols = new ArrayList<>();
                for (int c : i.definition().columns()) {
                    cols.add(d.columns().get(c));
                }
                out.add(new Rel(Oids.relation(d.schema(), i.definition().name()), d.schema(), i.definition().name(),
                        'i', cols, t, i, null, null));
            }
        }
        for (ViewHandle v : reader.views()) {
            var d = v.definition();
            out.add(new Rel(Oids.relation(d.schema(), d.name()), d.schema(), d.name(), 'v', d.columns(), null, null, v,
                    null));
        }
        for (SequenceHandle s : reader.sequences()) {
            var d = s.definition();
            List<ColumnDefinition> cols = List.of(new ColumnDefinition("last_value", SqlType.BIGINT, -1, true),
                    new ColumnDefinition("log_cnt", SqlType.BIGINT, -1, true),
                    new ColumnDefinition("is_called", SqlType.BOOLEAN, -1, true));
            out.add(new Rel(Oids.relation(d.schema(), d.name()), d.schema(), d.name(), 'S', cols, null, null, null, s));
        }
        for (SystemTable s : SystemCatalog.all()) {
            List<ColumnDefinition> cols = new ArrayList<>();
            for (int i = 0; i < s.columnNames().size(); i++) {
                cols.add(new ColumnDefinition(s.columnNames().get(i), s.types().get(i).type(), s.types().get(i).typmod(),
                        false));
            }
            char kind = s.schema().equals(CatalogReader.INFORMATION_SCHEMA) || !s.name().startsWith("pg_")
                    || SystemCatalog.isView(s.name()) ? 'v' : 'r';
            out.add(new Rel(s.oid(), s.schema(), s.name(), kind, cols, null, null, null, null));
        }
        return out;
    }

    static Rel byOid(CatalogReader reader, int oid) {
        for (Rel r : all(reader)) {
            if (r.oid() == oid) {
                return r;
            }
        }
        return null;
    }
}
