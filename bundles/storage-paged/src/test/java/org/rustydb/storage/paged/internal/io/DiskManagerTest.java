package org.rustydb.storage.paged.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.DbException;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

class DiskManagerTest {
    private static final int SIZE = PageLayout.PAGE_SIZE;

    @TempDir
    Path dir;
    private DiskManager disk;

    @BeforeEach
    void open() {
        disk = new DiskManager(dir, false);
    }

    @AfterEach
    void close() {
        disk.close();
    }

    private static ByteBuffer page(int fill) {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        for (int i = 0; i < SIZE; i++) {
            b.put(i, (byte) (fill + i));
        }
        return b;
    }

    private static boolean isZero(ByteBuffer b) {
        for (byte x : b.array()) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void writesAndReadsPagesAnywhereInTheFile() {
        disk.createFile(16385);
        disk.createFile(16385); // idempotent
        assertTrue(disk.exists(16385));
        assertTrue(Files.isRegularFile(dir.resolve("base/16385")));
        assertEquals(0, disk.pageCount(16385));

        disk.write(new PageId(16385, 0), page(1));
        disk.write(new PageId(16385, 2), page(3));
        assertEquals(3, disk.pageCount(16385));

        ByteBuffer got = ByteBuffer.allocate(SIZE);
        got.position(100).limit(200); // absolute I/O: position and limit do not matter
        disk.read(new PageId(16385, 2), got);
        assertArrayEquals(page(3).array(), got.array());
        assertEquals(100, got.position());
        disk.read(new PageId(16385, 1), got);
        assertTrue(isZero(got), "the hole before page 2 reads as zeros");
        disk.read(new PageId(16385, 0), got);
        assertArrayEquals(page(1).array(), got.array());

        disk.write(new PageId(16385, 0), page(9)); // overwrite
        disk.read(new PageId(16385, 0), got);
        assertArrayEquals(page(9).array(), got.array());
    }

    @Test
    void pagesPastTheEndReadAsZeros() {
        disk.createFile(5);
        disk.write(new PageId(5, 0), page(1));
        ByteBuffer got = page(7);
        disk.read(new PageId(5, 10), got);
        assertTrue(isZero(got));
        assertEquals(1, disk.pageCount(5));
    }

    @Test
    void aTrailingPartialPageIsIgnored() throws IOException {
        disk.createFile(7);
        disk.write(new PageId(7, 0), page(1));
        disk.write(new PageId(7, 1), page(2));
        disk.close();
        // a crash while extending the file left 100 bytes of page 2
        Files.write(dir.resolve("base/7"), new byte[100], StandardOpenOption.APPEND);
        disk = new DiskManager(dir, false);
        assertEquals(2, disk.pageCount(7));
        ByteBuffer got = page(5);
        disk.read(new PageId(7, 2), got);
        assertTrue(isZero(got), "a partial page reads as never written");

        ByteBuffer[] run = {page(5), page(5), page(5)};
        assertEquals(1, disk.readRun(7, 1, 3, run));
        assertArrayEquals(page(2).array(), run[0].array());
        assertTrue(isZero(run[1]) && isZero(run[2]));

        disk.write(new PageId(7, 2), page(3)); // overwrites the partial page
        assertEquals(3, disk.pageCount(7));
    }

    @Test
    void readRunReadsConsecutivePages() {
        disk.createFile(3);
        for (int p = 0; p < 5; p++) {
            disk.write(new PageId(3, p), page(p * 10));
        }
        ByteBuffer[] run = new ByteBuffer[4];
        for (int i = 0; i < run.length; i++) {
            run[i] = ByteBuffer.allocate(SIZE);
        }
        assertEquals(4, disk.readRun(3, 1, 4, run));
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(page((i + 1) * 10).array(), run[i].array());
        }
        assertEquals(2, disk.readRun(3, 3, 4, run));
        assertArrayEquals(page(40).array(), run[1].array());
        assertTrue(isZero(run[2]) && isZero(run[3]));
    }

    @Test
    void deleteIsIdempotentAndFileIdsListsOnlyPageFiles() throws IOException {
        disk.createFile(20);
        disk.createFile(3);
        disk.createFile(100);
        disk.write(new PageId(20, 0), page(0));
        Files.createFile(dir.resolve("base/notes.txt"));
        assertEquals(List.of(3, 20, 100), disk.fileIds());
        disk.deleteFile(20);
        disk.deleteFile(20);
        disk.deleteFile(999);
        assertFalse(disk.exists(20));
        assertEquals(0, disk.pageCount(20));
        assertEquals(List.of(3, 100), disk.fileIds());
        disk.createFile(20); // a recreated file starts empty
        assertEquals(0, disk.pageCount(20));
    }

    @Test
    void ioErrorsName58030AndTheFile() {
        DbException e = assertThrows(DbException.class, () -> disk.read(new PageId(42, 3), ByteBuffer.allocate(SIZE)));
        assertEquals("58030", e.sqlState());
        assertEquals("could not open file \"base/42\": No such file or directory", e.getMessage());
        DbException w = assertThrows(DbException.class, () -> disk.write(new PageId(42, 0), page(0)));
        assertEquals("58030", w.sqlState());
        assertTrue(w.getMessage().contains("base/42"), w.getMessage());
    }

    @Test
    void syncWithFsyncOnForcesWrittenFilesAndTheDirectory() {
        try (DiskManager durable = new DiskManager(dir.resolve("durable"), true)) {
            durable.createFile(1);
            durable.createFile(2);
            durable.write(new PageId(1, 0), page(1));
            durable.sync(1);
            durable.write(new PageId(2, 3), page(2));
            durable.syncAll();
            durable.deleteFile(1);
            durable.syncAll();
            assertEquals(4, durable.pageCount(2));
        }
        try (DiskManager again = new DiskManager(dir.resolve("durable"), true)) {
            ByteBuffer got = ByteBuffer.allocate(SIZE);
            again.read(new PageId(2, 3), got);
            assertArrayEquals(page(2).array(), got.array());
            assertEquals(List.of(2), again.fileIds());
        }
    }

    @Test
    void anInterruptedReaderReadsAndDoesNotBreakTheFileForOthers() throws InterruptedException {
        disk.createFile(9);
        disk.write(new PageId(9, 0), page(4));
        AtomicReference<Throwable> seen = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        ByteBuffer read = ByteBuffer.allocate(SIZE);
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                disk.read(new PageId(9, 0), read);
                disk.write(new PageId(9, 1), page(5));
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            } catch (Throwable e) {
                seen.set(e);
            }
        });
        t.start();
        t.join();
        assertEquals(null, seen.get());
        assertArrayEquals(page(4).array(), read.array());
        assertEquals(true, stillInterrupted.get(), "the interrupt is kept for the caller to see");
        ByteBuffer got = ByteBuffer.allocate(SIZE);
        disk.read(new PageId(9, 1), got);
        assertArrayEquals(page(5).array(), got.array());
    }

    @Test
    void closedManagerRefusesWork() {
        disk.createFile(1);
        disk.close();
        disk.close();
        assertThrows(IllegalStateException.class, () -> disk.write(new PageId(1, 0), page(0)));
    }
}
