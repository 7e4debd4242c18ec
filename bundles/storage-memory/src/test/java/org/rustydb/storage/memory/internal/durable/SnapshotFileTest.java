package org.rustydb.storage.memory.internal.durable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.CorruptDataException;
import org.rustydb.storage.log.internal.codec.ValueCodec;
import org.rustydb.storage.memory.internal.durable.DatabaseImage.TableImage;

class SnapshotFileTest {
    @TempDir
    Path dir;

    static DatabaseImage sample(int rows) {
        DatabaseImage image = new DatabaseImage();
        image.apply(List.of(new RedoOp.CreateTable(RedoCodecTest.T)));
        for (int i = 1; i <= rows; i++) {
            Object[] row = {i, i % 3 == 0 ? null : "v" + i};
            image.apply(List.of(new RedoOp.Insert(RedoCodecTest.NAME, i * 2L, row)));
        }
        image.tables().get(RedoCodecTest.NAME).setNextRowId(rows * 2L + 10);
        image.apply(List.of(new RedoOp.CreateIndex(RedoCodecTest.NAME, new IndexDefinition("t_v", List.of(1), false)),
                new RedoOp.CreateIndex(RedoCodecTest.NAME, new IndexDefinition("t_v_id", List.of(1, 0), true))));
        TableDefinition empty = new TableDefinition("other", "empty",
                List.of(new ColumnDefinition("b", SqlType.BOOLEAN, -1, false)), List.of());
        image.apply(List.of(new RedoOp.CreateTable(empty)));
        image.apply(List.of(new RedoOp.AlterConstraints(RedoCodecTest.NAME, List.of(RedoCodecTest.CHECK),
                List.of(RedoCodecTest.FK))));
        return image;
    }

    @Test
    void snapshotRoundTripsEveryTableRowAndNextRowId() throws IOException {
        DatabaseImage image = sample(20_000); // several row chunks
        Path file = SnapshotFile.write(dir, 0x1234, image, true);
        assertEquals("snapshot-0000000000001234.dat", file.getFileName().toString());
        assertEquals(List.of(new SnapshotFile.Info(0x1234, file)), SnapshotFile.list(dir));
        DatabaseImage back = SnapshotFile.read(file, 0x1234);
        assertEquals(image.tables().keySet(), back.tables().keySet());
        for (TableName name : image.tables().keySet()) {
            TableImage expected = image.tables().get(name);
            TableImage actual = back.tables().get(name);
            assertEquals(expected.definition(), actual.definition());
            assertEquals(expected.nextRowId(), actual.nextRowId());
            assertEquals(List.copyOf(expected.indexes()), List.copyOf(actual.indexes()));
            assertEquals(expected.rows().keySet(), actual.rows().keySet());
            expected.rows().forEach((id, row) -> assertArrayEquals(row, actual.rows().get(id)));
        }
    }

    @Test
    void anyDamageFailsTheChecksumOrTheDecode() throws IOException {
        Path file = SnapshotFile.write(dir, 7, sample(50), false);
        byte[] original = Files.readAllBytes(file);
        for (int at = 0; at < original.length; at += Math.max(1, original.length / 97)) {
            byte[] damaged = original.clone();
            damaged[at] ^= 0x10;
            Files.write(file, damaged);
            assertThrows(CorruptDataException.class, () -> SnapshotFile.read(file, 7), "byte " + at);
        }
        for (int cut : new int[] {0, 5, 17, original.length / 2, original.length - 1}) {
            Files.write(file, Arrays.copyOf(original, cut));
            assertThrows(CorruptDataException.class, () -> SnapshotFile.read(file, 7), "cut " + cut);
        }
        Files.write(file, original);
        assertThrows(CorruptDataException.class, () -> SnapshotFile.read(file, 8), "wrong position");
        assertEquals(2, SnapshotFile.read(file, 7).tables().size());
    }

    @Test
    void leftoverTemporaryFilesAreRemoved() throws IOException {
        Files.write(dir.resolve("snapshot-0000000000000010.dat.tmp"), new byte[] {1, 2, 3});
        SnapshotFile.deleteTemporaryFiles(dir);
        try (var files = Files.list(dir)) {
            assertTrue(files.findAny().isEmpty());
        }
    }

    @Test
    void replayIsStrict() {
        DatabaseImage image = sample(3);
        assertThrows(CorruptDataException.class, () -> image.apply(List.of(new RedoOp.CreateTable(RedoCodecTest.T))));
        assertThrows(CorruptDataException.class,
                () -> image.apply(List.of(new RedoOp.Insert(RedoCodecTest.NAME, 2, new Object[] {9, "dup id"}))));
        assertThrows(CorruptDataException.class,
                () -> image.apply(List.of(new RedoOp.Update(RedoCodecTest.NAME, 3, new Object[] {9, "missing"}))));
        assertThrows(CorruptDataException.class, () -> image.apply(List.of(new RedoOp.Delete(RedoCodecTest.NAME, 99))));
        assertThrows(CorruptDataException.class,
                () -> image.apply(List.of(
                        new RedoOp.Insert(RedoCodecTest.NAME, 50, new Object[] {"wrong type", "x"}))));
        assertThrows(CorruptDataException.class,
                () -> image.apply(List.of(new RedoOp.Insert(RedoCodecTest.NAME, 51, new Object[] {1}))));
        assertThrows(CorruptDataException.class, () -> image.apply(List.of(new RedoOp.DropTable(RedoCodecTest.OTHER))));
        assertThrows(CorruptDataException.class, () -> image.apply(List.of(
                new RedoOp.CreateIndex(RedoCodecTest.OTHER, new IndexDefinition("i", List.of(0), false)))));
        for (String taken : new String[] {"t", "t_pkey", "t_v", "t_v_id"}) {
            assertThrows(CorruptDataException.class, () -> image.apply(List.of(
                    new RedoOp.CreateIndex(RedoCodecTest.NAME, new IndexDefinition(taken, List.of(0), false)))), taken);
        }
        assertThrows(CorruptDataException.class, () -> image.apply(List.of(
                new RedoOp.CreateIndex(RedoCodecTest.NAME, new IndexDefinition("i", List.of(2), false)))));
        assertThrows(CorruptDataException.class, () -> image.apply(List.of(new RedoOp.DropIndex(RedoCodecTest.NAME, "i"))));
        assertThrows(CorruptDataException.class,
                () -> image.apply(List.of(new RedoOp.DropIndex(RedoCodecTest.NAME, "t_pkey"))));
        assertThrows(CorruptDataException.class, () -> image.apply(List.of(
                new RedoOp.AlterConstraints(RedoCodecTest.OTHER, List.of(), List.of()))));
        ForeignKey outside = new ForeignKey("k", List.of(2), "public", "p", List.of(0), ForeignKey.Action.NO_ACTION,
                ForeignKey.Action.NO_ACTION, false, false, false);
        assertThrows(CorruptDataException.class, () -> image.apply(List.of(
                new RedoOp.AlterConstraints(RedoCodecTest.NAME, List.of(), List.of(outside)))));
        // another schema is another namespace
        image.apply(List.of(new RedoOp.CreateIndex(new TableName("other", "empty"),
                new IndexDefinition("t_v", List.of(0), false))));
    }

    /** A snapshot as written before indexes were kept (magic RDBSNAP1, no index count). */
    @Test
    void formatOneSnapshotsAreStillRead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CRC32C crc = new CRC32C();
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(bytes, crc));
        out.write("RDBSNAP1".getBytes(StandardCharsets.US_ASCII));
        out.writeLong(9);
        ByteWriter chunk = new ByteWriter(256);
        chunk.writeByte(1);
        ValueCodec.writeDefinition(chunk, RedoCodecTest.T);
        chunk.writeVarLong(8);
        chunk.writeVarLong(1);
        writeChunk(out, chunk);
        chunk.writeByte(2);
        chunk.writeVarLong(1);
        chunk.writeVarLong(7);
        ValueCodec.writeRow(chunk, new Object[] {7, "seven"});
        writeChunk(out, chunk);
        chunk.writeByte(3);
        chunk.writeVarLong(1);
        writeChunk(out, chunk);
        out.flush();
        out.writeInt((int) crc.getValue());
        Path file = dir.resolve(SnapshotFile.fileName(9));
        Files.write(file, bytes.toByteArray());
        DatabaseImage image = SnapshotFile.read(file, 9);
        TableImage table = image.tables().get(RedoCodecTest.NAME);
        assertEquals(RedoCodecTest.T, table.definition());
        assertArrayEquals(new Object[] {7, "seven"}, table.rows().get(7L));
        assertEquals(8, table.nextRowId());
        assertTrue(table.indexes().isEmpty());
    }

    /** A snapshot as written before constraints were kept (magic RDBSNAP2: indexes, no constraints). */
    @Test
    void formatTwoSnapshotsAreStillRead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CRC32C crc = new CRC32C();
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(bytes, crc));
        out.write("RDBSNAP2".getBytes(StandardCharsets.US_ASCII));
        out.writeLong(9);
        ByteWriter chunk = new ByteWriter(256);
        chunk.writeByte(1);
        ValueCodec.writeDefinition(chunk, RedoCodecTest.T);
        chunk.writeVarLong(1);
        chunk.writeVarLong(0);
        chunk.writeVarLong(1);
        IndexCodec.write(chunk, new IndexDefinition("t_v", List.of(1), false));
        writeChunk(out, chunk);
        chunk.writeByte(3);
        chunk.writeVarLong(1);
        writeChunk(out, chunk);
        out.flush();
        out.writeInt((int) crc.getValue());
        Path file = dir.resolve(SnapshotFile.fileName(9));
        Files.write(file, bytes.toByteArray());
        TableImage table = SnapshotFile.read(file, 9).tables().get(RedoCodecTest.NAME);
        assertEquals(RedoCodecTest.T, table.definition());
        assertEquals(List.of(new IndexDefinition("t_v", List.of(1), false)), List.copyOf(table.indexes()));
    }

    private static void writeChunk(DataOutputStream out, ByteWriter chunk) throws IOException {
        out.writeInt(chunk.size());
        out.write(chunk.array(), 0, chunk.size());
        chunk.reset();
    }
}
