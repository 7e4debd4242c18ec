package org.rustydb.storage.paged.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.CorruptDataException;
import org.rustydb.storage.log.internal.codec.ValueCodec;

class RelationRecordTest {
    private static final TableDefinition PLAIN = new TableDefinition("public", "c",
            List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                    new ColumnDefinition("pid", SqlType.BIGINT, -1, false)),
            List.of(new UniqueKey("c_pkey", List.of(0), true)));
    private static final TableDefinition CONSTRAINED = PLAIN.withConstraints(
            List.of(new CheckConstraint("c_id_check", "id > 0")),
            List.of(new ForeignKey("c_pid_fkey", List.of(1), "public", "p", List.of(0), ForeignKey.Action.CASCADE,
                    ForeignKey.Action.NO_ACTION, false, true, false)));

    @Test
    void recordsRoundTripWithAndWithoutConstraints() {
        for (TableDefinition definition : List.of(PLAIN, CONSTRAINED)) {
            RelationRecord record = new RelationRecord(12, definition, List.of(13));
            assertEquals(record, CatalogRecords.decode(record.encode()));
        }
        IndexRecord index = new IndexRecord(14, 12, new IndexDefinition("c_pid", List.of(1), false));
        assertEquals(index, CatalogRecords.decode(index.encode()));
    }

    /** A table record as written before constraints were kept: it ends after the index files. */
    @Test
    void recordsWrittenBeforeConstraintsStillRead() {
        ByteWriter out = new ByteWriter(64);
        out.writeVarLong(CatalogRecords.KIND_TABLE);
        out.writeVarLong(12);
        ValueCodec.writeDefinition(out, PLAIN);
        out.writeVarLong(1);
        out.writeVarLong(13);
        byte[] old = out.toByteArray();
        assertEquals(new RelationRecord(12, PLAIN, List.of(13)), CatalogRecords.decode(old));
        // and a plain table is still written that way
        assertEquals(Arrays.toString(old), Arrays.toString(new RelationRecord(12, PLAIN, List.of(13)).encode()));
    }

    @Test
    void damagedOrUnknownSectionsAreCorruptData() {
        byte[] bytes = new RelationRecord(12, CONSTRAINED, List.of(13)).encode();
        int plainLength = new RelationRecord(12, PLAIN, List.of(13)).encode().length;
        for (int cut = plainLength + 1; cut < bytes.length; cut++) {
            byte[] shorter = Arrays.copyOf(bytes, cut);
            assertThrows(CorruptDataException.class, () -> CatalogRecords.decode(shorter), "cut " + cut);
        }
        byte[] unknown = bytes.clone();
        unknown[plainLength] = 7;
        assertThrows(CorruptDataException.class, () -> CatalogRecords.decode(unknown));
    }
}
