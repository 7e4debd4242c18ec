package org.rustydb.storage.paged.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.ViewDefinition;
import org.rustydb.spi.storage.ViewHandle;
import org.rustydb.storage.paged.internal.catalog.ViewRecord;

/** CREATE/DROP VIEW for the paged engine: catalog tuples only, no files. */
final class Views {
    private final PagedStorageEngine engine;
    private final Catalog catalog;

    Views(PagedStorageEngine engine, Catalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
    }

    PagedView create(TxnWork w, ViewDefinition definition) {
        long xid = w.xid();
        synchronized (catalog) {
            engine.checkNameFree(xid, definition.schema(), definition.name());
            long catalogRow = engine.store().catalogHeap().insert(xid, new ViewRecord(definition).encode());
            PagedView view = new PagedView(definition, catalogRow, xid);
            catalog.add(view);
            w.viewCreated(view);
            return view;
        }
    }

    void drop(TxnWork w, PagedView view) {
        long xid = w.xid();
        synchronized (catalog) {
            if (engine.inProgressOther(view.createdBy(), xid) || engine.inProgressOther(view.droppedBy(), xid)) {
                throw PagedStorageEngine.tableLocked(view.name());
            }
            if (!engine.rows().visible(xid, view.createdBy(), view.droppedBy())) {
                throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", view.name());
            }
            engine.claimCatalogTuple(view.catalogRowId(), xid, view.name());
            view.setDroppedBy(xid);
        }
        w.viewDropped(view);
    }

    Optional<ViewHandle> find(long me, String schema, String name) {
        for (Relation version : catalog.versions(schema, name)) {
            if (version instanceof PagedView v && engine.rows().visible(me, v.createdBy(), v.droppedBy())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    List<ViewHandle> list(long me) {
        List<ViewHandle> out = new ArrayList<>();
        for (PagedView v : catalog.views()) {
            if (engine.rows().visible(me, v.createdBy(), v.droppedBy())) {
                out.add(v);
            }
        }
        return out;
    }
}
