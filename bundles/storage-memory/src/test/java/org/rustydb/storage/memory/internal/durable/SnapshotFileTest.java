package org.rustydb.storage.memory.internal.durable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.storage.log.internal.codec.CorruptDataException;
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
        TableDefinition empty = new TableDefinition("other", "empty",
                List.of(new ColumnDefinition("b", SqlType.BOOLEAN, -1, false)), List.of());
        image.apply(List.of(new RedoOp.CreateTable(empty)));
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
    }
}
