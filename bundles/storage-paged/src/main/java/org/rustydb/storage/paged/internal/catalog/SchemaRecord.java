package org.rustydb.storage.paged.internal.catalog;

import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ByteWriter;

/**
 * A schema as a catalog tuple (versioned like a table's, so CREATE and DROP SCHEMA are
 * transactional). Relations name their schema, so the tuple is only the name.
 */
public record SchemaRecord(String name) {
    public byte[] encode() {
        ByteWriter out = new ByteWriter(16 + name.length());
        out.writeVarLong(CatalogRecords.KIND_SCHEMA);
        out.writeString(name);
        return out.toByteArray();
    }

    static SchemaRecord decode(ByteReader in) {
        return new SchemaRecord(in.readString());
    }
}
