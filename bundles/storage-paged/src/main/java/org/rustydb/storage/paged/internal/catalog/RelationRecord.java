package org.rustydb.storage.paged.internal.catalog;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.ValueCodec;

/**
 * One table as the catalog stores it: a tuple of the catalog heap, versioned like any row (its
 * xmin is the creating transaction, its xmax the dropping one), so DDL commits, rolls back and
 * recovers exactly as data does.
 *
 * @param heapFileId   the file holding the table's rows
 * @param definition   schema, name, columns and unique keys
 * @param indexFileIds the B+tree file of each unique key, in the order of the definition's keys
 */
public record RelationRecord(int heapFileId, TableDefinition definition, List<Integer> indexFileIds) {
    public RelationRecord {
        indexFileIds = List.copyOf(indexFileIds);
        if (indexFileIds.size() != definition.uniqueKeys().size()) {
            throw new IllegalArgumentException("one index file per unique key");
        }
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
        return new RelationRecord(heap, definition, indexes);
    }
}
