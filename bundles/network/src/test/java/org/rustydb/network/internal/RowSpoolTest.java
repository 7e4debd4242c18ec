package org.rustydb.network.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class RowSpoolTest {
    private static byte[] row(int i, int size) {
        byte[] b = new byte[size];
        ByteBuffer.wrap(b).putInt(i);
        return b;
    }

    private static long spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("rustydb-portal-")).count();
        }
    }

    @Test
    void rowsComeBackInOrderFromMemoryThenFromTheFile() throws IOException {
        long before = spoolFiles();
        try (RowSpool spool = new RowSpool(10_000)) {
            for (int i = 0; i < 5_000; i++) {
                spool.add(row(i, 20 + i % 50));
            }
            assertTrue(spool.spilled());
            assertTrue(spoolFiles() > before);
            for (int i = 0; i < 5_000; i++) {
                assertFalse(spool.isEmpty());
                assertArrayEquals(row(i, 20 + i % 50), spool.poll(), "row " + i);
            }
            assertTrue(spool.isEmpty());
            assertNull(spool.poll());
        }
        assertTrue(spoolFiles() <= before, "the file is deleted on close");
    }

    @Test
    void smallResultsStayInMemory() throws IOException {
        try (RowSpool spool = new RowSpool(1 << 20)) {
            spool.add(row(1, 100));
            spool.add(row(2, 100));
            assertFalse(spool.spilled());
            assertArrayEquals(row(1, 100), spool.poll());
            assertArrayEquals(row(2, 100), spool.poll());
            assertNull(spool.poll());
        }
    }

    @Test
    void closingHalfReadDeletesTheFileAndAddingAfterReadingIsRefused() throws IOException {
        long before = spoolFiles();
        RowSpool spool = new RowSpool(100);
        for (int i = 0; i < 100; i++) {
            spool.add(row(i, 40));
        }
        spool.poll();
        assertThrows(IllegalStateException.class, () -> spool.add(row(0, 40)));
        spool.close();
        spool.close();
        assertTrue(spool.isEmpty());
        assertTrue(spoolFiles() <= before);
    }
}
