package org.rustydb.storage.paged.internal.engine;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.storage.paged.internal.btree.BTree;
import org.rustydb.storage.paged.internal.catalog.RelationRecord;

/**
 * An index of the paged engine: a B+tree of (encoded key, row id) entries, one per row version,
 * so a lookup checks each version's visibility in the heap. The index of a unique key lives and
 * dies with its table; one made by CREATE INDEX has its own catalog tuple.
 */
final class PagedIndex implements IndexHandle, Relation {
    /** The key as slots of the stored rows, which ALTER TABLE never moves (see RelationRecord). */
    private final IndexDefinition stored;
    /** The key as columns, for the row layout it was computed for. */
    private volatile Cached cached;

    private record Cached(RelationRecord layout, IndexDefinition definition) {
    }

    private final PagedTable table;
    private final int fileId;
    private final BTree tree;
    private final boolean constraint;
    private final long catalogRowId;
    private final long createdBy;
    private volatile long droppedBy;
    /**
     * 0, or the transaction that built the index over HOT chains whose versions differ in its
     * key: a transaction snapshot taken before that one committed may see versions the index has
     * no entry for, so it does not use the index (PostgreSQL's indcheckxmin). Kept in memory only:
     * no snapshot outlives a restart.
     */
    private volatile long checkXmin;

    /** The index enforcing a unique key of the table. */
    static PagedIndex forKey(PagedTable table, UniqueKey key, int fileId, BTree tree) {
        return new PagedIndex(new IndexDefinition(key.name(), table.slotsOf(key.columns()), true), table, fileId, tree,
                true, -1, 0);
    }

    /** The index of a unique key ALTER TABLE adds: it comes and goes with that transaction. */
    static PagedIndex forAddedKey(PagedTable table, String name, List<Integer> slots, int fileId, BTree tree,
                                  long createdBy) {
        return new PagedIndex(new IndexDefinition(name, slots, true), table, fileId, tree, true, -1, createdBy);
    }

    /** @param definition the key, its columns given as slots of the stored rows */
    PagedIndex(IndexDefinition definition, PagedTable table, int fileId, BTree tree, boolean constraint,
               long catalogRowId, long createdBy) {
        this.stored = definition;
        this.table = table;
        this.fileId = fileId;
        this.tree = tree;
        this.constraint = constraint;
        this.catalogRowId = catalogRowId;
        this.createdBy = createdBy;
    }

    @Override
    public IndexDefinition definition() {
        RelationRecord layout = table.record();
        Cached c = cached;
        if (c == null || c.layout() != layout) {
            List<Integer> columns = new ArrayList<>();
            for (int slot : stored.columns()) {
                int column = layout.columnOfSlot(slot);
                if (column < 0) {
                    throw new IllegalStateException("index " + stored.name() + " covers a dropped column");
                }
                columns.add(column);
            }
            c = new Cached(layout, new IndexDefinition(stored.name(), columns, stored.unique()));
            cached = c;
        }
        return c.definition();
    }

    /** False once the table's layout lost a slot of the key (its column was dropped or converted). */
    boolean coversLiveSlots() {
        RelationRecord layout = table.record();
        for (int slot : stored.columns()) {
            if (layout.columnOfSlot(slot) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The key as slots of the stored rows. */
    IndexDefinition storedDefinition() {
        return stored;
    }

    @Override
    public TableHandle table() {
        return table;
    }

    PagedTable pagedTable() {
        return table;
    }

    int fileId() {
        return fileId;
    }

    BTree tree() {
        return tree;
    }

    /** True for the index of a unique key, which cannot be dropped on its own. */
    boolean isConstraint() {
        return constraint;
    }

    long catalogRowId() {
        return catalogRowId;
    }

    /** As a unique key, the constraint whose name unique violations report. */
    UniqueKey asKey() {
        return new UniqueKey(stored.name(), definition().columns(), false);
    }

    @Override
    public String schema() {
        return table.schema();
    }

    @Override
    public String name() {
        return stored.name();
    }

    @Override
    public long createdBy() {
        return constraint && createdBy == 0 ? table.createdBy() : createdBy;
    }

    long checkXmin() {
        return checkXmin;
    }

    void requireSnapshotsAfter(long xid) {
        checkXmin = xid;
    }

    @Override
    public long droppedBy() {
        return constraint && droppedBy == 0 ? table.droppedBy() : droppedBy;
    }

    void setDroppedBy(long xid) {
        droppedBy = xid;
    }

    @Override
    public String toString() {
        return "paged index " + schema() + "." + name();
    }
}
