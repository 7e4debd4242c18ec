package org.rustydb.storage.paged.internal.catalog;

import org.rustydb.storage.log.internal.codec.ByteReader;

/** Decodes a catalog tuple into the record it holds: a {@link RelationRecord}, an {@link IndexRecord}, a {@link SequenceRecord}, a {@link StatisticsRecord}, a {@link ViewRecord} or a {@link SchemaRecord}. */
public final class CatalogRecords {
    static final int KIND_TABLE = 1;
    static final int KIND_INDEX = 2;
    static final int KIND_SEQUENCE = 3;
    static final int KIND_STATISTICS = 4;
    static final int KIND_VIEW = 5;
    static final int KIND_SCHEMA = 6;

    private CatalogRecords() {
    }

    public static Object decode(byte[] payload) {
        ByteReader in = new ByteReader(payload);
        long kind = in.readVarLong();
        if (kind == KIND_TABLE) {
            return RelationRecord.decode(in);
        }
        if (kind == KIND_INDEX) {
            return IndexRecord.decode(in);
        }
        if (kind == KIND_SEQUENCE) {
            return SequenceRecord.decode(in);
        }
        if (kind == KIND_STATISTICS) {
            return StatisticsRecord.decode(in);
        }
        if (kind == KIND_VIEW) {
            return ViewRecord.decode(in);
        }
        if (kind == KIND_SCHEMA) {
            return SchemaRecord.decode(in);
        }
        throw new IllegalStateException("unknown catalog record kind " + kind);
    }
}
