package org.rustydb.storage.paged.internal.catalog;

import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.ColumnExtrasCodec;

/**
 * A sequence as a catalog tuple (versioned like a table's, so CREATE and DROP SEQUENCE are
 * transactional). Its current value is not here but in the one page of its own file, which
 * changes outside transactions.
 *
 * @param fileId     the file of the sequence's page
 * @param definition name, bounds, increment, owner
 */
public record SequenceRecord(int fileId, SequenceDefinition definition) {
    public byte[] encode() {
        ByteWriter out = new ByteWriter(64);
        out.writeVarLong(CatalogRecords.KIND_SEQUENCE);
        out.writeVarLong(fileId);
        ColumnExtrasCodec.writeSequence(out, definition);
        return out.toByteArray();
    }

    static SequenceRecord decode(ByteReader in) {
        int fileId = (int) in.readVarLong();
        return new SequenceRecord(fileId, ColumnExtrasCodec.readSequence(in));
    }
}
