package org.rustydb.storage.paged.internal.catalog;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ByteWriter;

/**
 * An index made by CREATE INDEX, as a catalog tuple of its own (versioned like a table's, so
 * CREATE and DROP INDEX are transactional). Unique-key indexes are part of their table's record.
 *
 * @param fileId      the index's B+tree file
 * @param tableFileId the heap file of the indexed table, which identifies it
 * @param definition  name, key columns (as slots of the stored rows, see {@link RelationRecord}), uniqueness
 */
public record IndexRecord(int fileId, int tableFileId, IndexDefinition definition) {
    public byte[] encode() {
        ByteWriter out = new ByteWriter(64);
        out.writeVarLong(CatalogRecords.KIND_INDEX);
        out.writeVarLong(fileId);
        out.writeVarLong(tableFileId);
        out.writeString(definition.name());
        out.writeByte(definition.unique() ? 1 : 0);
        out.writeVarLong(definition.columns().size());
        for (int column : definition.columns()) {
            out.writeVarLong(column);
        }
        return out.toByteArray();
    }

    static IndexRecord decode(ByteReader in) {
        int fileId = (int) in.readVarLong();
        int tableFileId = (int) in.readVarLong();
        String name = in.readString();
        boolean unique = in.readByte() == 1;
        int count = (int) in.readVarLong();
        List<Integer> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            columns.add((int) in.readVarLong());
        }
        return new IndexRecord(fileId, tableFileId, new IndexDefinition(name, columns, unique));
    }
}
