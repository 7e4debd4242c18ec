package org.rustydb.storage.log.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;

class ConstraintCodecTest {
    static final TableDefinition BARE = new TableDefinition("public", "c",
            List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                    new ColumnDefinition("a", SqlType.BIGINT, -1, false),
                    new ColumnDefinition("b", SqlType.TEXT, -1, false)),
            List.of(new UniqueKey("c_pkey", List.of(0), true)));

    static final TableDefinition FULL = BARE.withConstraints(
            List.of(new CheckConstraint("c_a_check", "a > 0"), new CheckConstraint("ü named", "b <> E'x\\n' OR b IS NULL")),
            List.of(new ForeignKey("c_a_fkey", List.of(1), "public", "p", List.of(0), ForeignKey.Action.NO_ACTION,
                            ForeignKey.Action.CASCADE, false, false, false),
                    new ForeignKey("c_b_a_fkey", List.of(2, 1), "other", "q", List.of(3, 0),
                            ForeignKey.Action.SET_NULL, ForeignKey.Action.SET_DEFAULT, true, true, true),
                    new ForeignKey("c_self", List.of(1), "public", "c", List.of(0), ForeignKey.Action.RESTRICT,
                            ForeignKey.Action.RESTRICT, false, true, false)));

    private static byte[] encode(TableDefinition definition) {
        ByteWriter out = new ByteWriter(4);
        ConstraintCodec.write(out, definition);
        return out.toByteArray();
    }

    @Test
    void constraintsRoundTrip() {
        for (TableDefinition definition : List.of(FULL, BARE)) {
            ByteReader in = new ByteReader(encode(definition));
            assertEquals(definition, ConstraintCodec.read(in, BARE));
            assertEquals(0, in.remaining());
        }
    }

    @Test
    void damagedBytesAreCorruptData() {
        byte[] bytes = encode(FULL);
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] shorter = Arrays.copyOf(bytes, cut);
            assertThrows(CorruptDataException.class, () -> ConstraintCodec.read(new ByteReader(shorter), BARE),
                    "cut " + cut);
        }
    }

    @Test
    void columnsOutsideTheTableUnknownActionsAndBadFlagsAreRefused() {
        TableDefinition wide = BARE.withConstraints(List.of(), List.of(new ForeignKey("k", List.of(2), "public", "p",
                List.of(0), ForeignKey.Action.NO_ACTION, ForeignKey.Action.NO_ACTION, false, false, false)));
        TableDefinition narrow = new TableDefinition("public", "c",
                List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true)), List.of());
        assertThrows(CorruptDataException.class, () -> ConstraintCodec.read(new ByteReader(encode(wide)), narrow));

        ByteWriter out = new ByteWriter(4);
        out.writeVarLong(0);
        out.writeVarLong(1);
        out.writeString("k");
        out.writeVarLong(1);
        out.writeVarLong(0);
        out.writeString("public");
        out.writeString("p");
        out.writeVarLong(1);
        out.writeVarLong(0);
        out.writeString("EXPLODE");
        assertThrows(CorruptDataException.class, () -> ConstraintCodec.read(new ByteReader(out.toByteArray()), BARE));

        byte[] bytes = encode(wide);
        for (int flags : new int[] {8, 4}) {
            // 4 alone: initially deferred but not deferrable
            bytes[bytes.length - 1] = (byte) flags;
            assertThrows(CorruptDataException.class, () -> ConstraintCodec.read(new ByteReader(bytes), BARE));
        }
    }
}
