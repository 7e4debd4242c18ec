package org.rustydb.storage.paged.internal.catalog;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.ConstraintCodec;
import org.rustydb.storage.log.internal.codec.CorruptDataException;
import org.rustydb.storage.log.internal.codec.ValueCodec;

/**
 * One table as the catalog stores it: a tuple of the catalog heap, versioned like any row (its
 * xmin is the creating transaction, its xmax the dropping one), so DDL commits, rolls back and
 * recovers exactly as data does.
 *
 * <p>Layout: kind, heap file, definition, unique-key index files, then optional sections, each a
 * tag byte and its content: {@value #CONSTRAINTS} holds the CHECK and FOREIGN KEY constraints
 * (written only when there are some). Records written before sections existed end after the
 * index files, and read as tables without such constraints.
 *
 * @param heapFileId   the file holding the table's rows
 * @param definition   schema, name, columns and unique keys
 * @param indexFileIds the B+tree file of each unique key, in the order of the definition's keys
 */
public record RelationRecord(int heapFileId, TableDefinition definition, List<Integer> indexFileIds) {
    static final int CONSTRAINTS = 1;

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
        if (!definition.checks().isEmpty() || !definition.foreignKeys().isEmpty()) {
            out.writeByte(CONSTRAINTS);
            ConstraintCodec.write(out, definition);
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
        while (in.remaining() > 0) {
            int section = in.readByte();
            if (section != CONSTRAINTS) {
                throw new CorruptDataException("unknown section " + section + " of table " + definition.name());
            }
            definition = ConstraintCodec.read(in, definition);
        }
        return new RelationRecord(heap, definition, indexes);
    }
}
