package org.rustydb.storage.paged.internal.catalog;

import org.rustydb.spi.storage.ViewDefinition;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.ViewCodec;

/**
 * A view as a catalog tuple (versioned like a table's, so CREATE and DROP VIEW are transactional).
 * A view has no file: the tuple is all of it.
 */
public record ViewRecord(ViewDefinition definition) {
    public byte[] encode() {
        ByteWriter out = new ByteWriter(128);
        out.writeVarLong(CatalogRecords.KIND_VIEW);
        ViewCodec.write(out, definition);
        return out.toByteArray();
    }

    static ViewRecord decode(ByteReader in) {
        return new ViewRecord(ViewCodec.read(in));
    }
}
