package org.rustydb.storage.paged.internal.catalog;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.ColumnExtrasCodec;
import org.rustydb.storage.log.internal.codec.ConstraintCodec;
import org.rustydb.storage.log.internal.codec.CorruptDataException;
import org.rustydb.storage.log.internal.codec.ValueCodec;

/**
 * One table as the catalog stores it: a tuple of the catalog heap, versioned like any row (its
 * xmin is the creating transaction, its xmax the dropping one), so DDL commits, rolls back and
 * recovers exactly as data does.
 *
 * <p>Layout: kind, heap file, definition, unique-key index files, then optional sections, each a
 * tag byte and its content: {@value #CONSTRAINTS} holds the CHECK and FOREIGN KEY constraints,
 * {@value #COLUMN_EXTRAS} the column defaults and identity, {@value #LAYOUT} the row layout (each
 * written only when there is something to say). Records written before sections existed end after
 * the index files, and read as tables without such constraints.
 *
 * <p>The row layout maps the columns to the slots of the stored rows, as PostgreSQL's attribute
 * numbers do: ALTER TABLE ADD COLUMN gives a new column a new slot (rows stored before have fewer
 * slots and read it as NULL), DROP COLUMN forgets a column's slot (its values stay in old rows,
 * unread, until the rows are rewritten by an update). So neither rewrites the table, and slots are
 * never reused.
 *
 * @param heapFileId   the file holding the table's rows
 * @param definition   schema, name, columns and unique keys
 * @param indexFileIds the B+tree file of each unique key, in the order of the definition's keys
 * @param slots        the stored slot of each column, in column order
 * @param width        the number of slots rows are stored with (dropped columns included)
 */
public record RelationRecord(int heapFileId, TableDefinition definition, List<Integer> indexFileIds,
                             List<Integer> slots, int width) {
    static final int CONSTRAINTS = 1;
    static final int COLUMN_EXTRAS = 2;
    static final int LAYOUT = 3;

    public RelationRecord {
        indexFileIds = List.copyOf(indexFileIds);
        slots = List.copyOf(slots);
        if (indexFileIds.size() != definition.uniqueKeys().size()) {
            throw new IllegalArgumentException("one index file per unique key");
        }
        if (slots.size() != definition.columns().size()) {
            throw new IllegalArgumentException("one slot per column");
        }
    }

    /** A table whose columns are its slots, in order: as created. */
    public RelationRecord(int heapFileId, TableDefinition definition, List<Integer> indexFileIds) {
        this(heapFileId, definition, indexFileIds, identity(definition.columns().size()),
                definition.columns().size());
    }

    private static List<Integer> identity(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** The same table with another definition, whose columns sit in {@code newSlots}. */
    public RelationRecord altered(TableDefinition newDefinition, List<Integer> newSlots, int newWidth) {
        return new RelationRecord(heapFileId, newDefinition, indexFileIds, newSlots, newWidth);
    }

    /** A stored row as the table's columns (slots past a short row's end read as NULL). */
    public Object[] columnsOf(Object[] stored) {
        Object[] row = new Object[slots.size()];
        for (int i = 0; i < row.length; i++) {
            int slot = slots.get(i);
            row[i] = slot < stored.length ? stored[slot] : null;
        }
        return row;
    }

    /** A row of the table's columns as stored (dropped columns' slots NULL). */
    public Object[] storedOf(Object[] row) {
        if (width == row.length && isIdentity()) {
            return row;
        }
        Object[] stored = new Object[width];
        for (int i = 0; i < row.length; i++) {
            stored[slots.get(i)] = row[i];
        }
        return stored;
    }

    /** Whether the columns are the slots, in order (then a stored row of full width is the row). */
    public boolean isIdentity() {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i) != i) {
                return false;
            }
        }
        return true;
    }

    /** The column stored in {@code slot}, or -1 if no column is (it was dropped). */
    public int columnOfSlot(int slot) {
        return slots.indexOf(slot);
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter(256);
        out.writeVarLong(CatalogRecords.KIND_TABLE);
        out.writeVarLong(heapFileId);
        ValueCodec.writeDefinition(out, definition);
        out.writeVarLong(indexFileIds.size());
        for (int fileId : indexFileIds) {
            out.writeVarLong(fileId);
        }
        if (!definition.checks().isEmpty() || !definition.foreignKeys().isEmpty()) {
            out.writeByte(CONSTRAINTS);
            ConstraintCodec.write(out, definition);
        }
        if (ColumnExtrasCodec.needed(definition)) {
            out.writeByte(COLUMN_EXTRAS);
            ColumnExtrasCodec.write(out, definition);
        }
        if (width != slots.size() || !isIdentity()) {
            out.writeByte(LAYOUT);
            out.writeVarLong(width);
            for (int slot : slots) {
                out.writeVarLong(slot);
            }
        }
        return out.toByteArray();
    }

    static RelationRecord decode(ByteReader in) {
        int heap = (int) in.readVarLong();
        TableDefinition definition = ValueCodec.readDefinition(in);
        int count = (int) in.readVarLong();
        List<Integer> indexes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            indexes.add((int) in.readVarLong());
        }
        List<Integer> slots = identity(definition.columns().size());
        int width = slots.size();
        while (in.remaining() > 0) {
            int section = in.readByte();
            if (section == CONSTRAINTS) {
                definition = ConstraintCodec.read(in, definition);
            } else if (section == COLUMN_EXTRAS) {
                definition = ColumnExtrasCodec.read(in, definition);
            } else if (section == LAYOUT) {
                long w = in.readVarLong();
                if (w < 0 || w > 100_000) {
                    throw new CorruptDataException("row width " + w + " of table " + definition.name());
                }
                width = (int) w;
                slots = new ArrayList<>();
                for (int i = 0; i < definition.columns().size(); i++) {
                    long slot = in.readVarLong();
                    if (slot < 0 || slot >= width) {
                        throw new CorruptDataException("slot " + slot + " of table " + definition.name());
                    }
                    slots.add((int) slot);
                }
            } else {
                throw new CorruptDataException("unknown section " + section + " of table " + definition.name());
            }
        }
        return new RelationRecord(heap, definition, indexes, slots, width);
    }
}
