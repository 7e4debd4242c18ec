package org.rustydb.storage.log.internal.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.log.internal.wal.WalSegments.Segment;

class WriteAheadLogTest {
    @TempDir
    Path dir;

    static byte[] payload(int i) {
        return ("record " + i + " " + "x".repeat(i % 37)).getBytes(StandardCharsets.UTF_8);
    }

    static WriteAheadLog open(Path dir, WalOptions options) throws IOException {
        Files.createDirectories(dir);
        List<Segment> segments = WalSegments.list(dir);
        long from = segments.isEmpty() ? 0 : segments.get(0).start();
        return WriteAheadLog.open(dir, WalReader.scan(dir, from, r -> { }).endLsn(), options);
    }

    static List<WalRecord> readAll(Path dir) throws IOException {
        List<WalRecord> records = new ArrayList<>();
        WalReader.scan(dir, 0, records::add);
        return records;
    }

    static List<WalRecord> readFromFirstSegment(Path dir) throws IOException {
        List<WalRecord> records = new ArrayList<>();
        WalReader.scan(dir, WalSegments.list(dir).get(0).start(), records::add);
        return records;
    }

    static void appendAll(WriteAheadLog wal, int from, int to) {
        for (int i = from; i < to; i++) {
            wal.sync(wal.append(payload(i)));
        }
    }

    @Test
    void recordsReadBackInOrderAtTheirPositions() throws IOException {
        try (WriteAheadLog wal = open(dir, new WalOptions(1 << 20, true))) {
            wal.sync(wal.append(new byte[0]));
            appendAll(wal, 1, 100);
        }
        try (WriteAheadLog wal = open(dir, new WalOptions(1 << 20, true))) {
            appendAll(wal, 100, 120);
        }
        List<WalRecord> records = readAll(dir);
        assertEquals(120, records.size());
        assertEquals(0, records.get(0).payload().length);
        long lsn = 0;
        for (int i = 0; i < records.size(); i++) {
            WalRecord r = records.get(i);
            assertEquals(lsn, r.lsn());
            if (i > 0) {
                assertArrayEquals(payload(i), r.payload());
            }
            lsn = r.endLsn();
        }
        assertEquals(lsn, Files.size(dir.resolve(WalSegments.fileName(0))));
        assertEquals(List.of(records.get(100).payload().length), List.of(payload(100).length));
    }

    @Test
    void segmentsRollOverAndAreNamedByTheirStart() throws IOException {
        WalOptions small = new WalOptions(256, true);
        try (WriteAheadLog wal = open(dir, small)) {
            appendAll(wal, 0, 60);
            wal.sync(wal.append(new byte[1000])); // larger than a segment: one of its own
            appendAll(wal, 61, 70);
        }
        List<Segment> segments = WalSegments.list(dir);
        assertTrue(segments.size() > 10, "segments: " + segments.size());
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            assertEquals(WalSegments.fileName(s.start()), s.path().getFileName().toString());
            if (i + 1 < segments.size()) {
                assertEquals(s.end(), segments.get(i + 1).start());
                assertTrue(s.size() <= 256 || s.size() == 1016, "size " + s.size());
            }
        }
        List<WalRecord> records = readAll(dir);
        assertEquals(70, records.size());
        assertEquals(1000, records.get(60).payload().length);
        assertArrayEquals(payload(69), records.get(69).payload());
        // reading a range, as a checkpoint does, crosses segments too
        List<WalRecord> range = new ArrayList<>();
        WalReader.read(dir, records.get(5).lsn(), records.get(65).lsn(), range::add);
        assertEquals(60, range.size());
        DbException e = assertThrows(DbException.class,
                () -> WalReader.read(dir, records.get(5).lsn(), records.get(65).lsn() + 3, r -> { }));
        assertEquals(SqlState.DATA_CORRUPTED, e.sqlState());
    }

    @Test
    void tornTailOfEveryLengthIsCutAndAppendingContinuesCleanly() throws IOException {
        Path master = dir.resolve("master");
        try (WriteAheadLog wal = open(master, new WalOptions(1 << 20, true))) {
            appendAll(wal, 0, 3);
        }
        byte[] bytes = Files.readAllBytes(master.resolve(WalSegments.fileName(0)));
        List<WalRecord> full = readAll(master);
        long lastStart = full.get(2).lsn();
        for (int cut = 1; cut < bytes.length - lastStart; cut++) {
            for (String filler : List.of("prefix", "zeros", "garbage")) {
                Path d = Files.createDirectories(dir.resolve("cut" + cut + filler));
                byte[] torn = java.util.Arrays.copyOf(bytes, (int) lastStart + cut);
                if (!filler.equals("prefix")) {
                    for (int i = (int) lastStart + Math.min(cut, 8); i < torn.length; i++) {
                        torn[i] = filler.equals("zeros") ? 0 : (byte) (i * 31 + 7);
                    }
                }
                Files.write(d.resolve(WalSegments.fileName(0)), torn);
                WalReader.ScanResult scan = WalReader.scan(d, 0, r -> { });
                assertEquals(lastStart, scan.endLsn(), "cut " + cut + " " + filler);
                assertEquals(cut, scan.tornBytes());
                try (WriteAheadLog wal = WriteAheadLog.open(d, scan.endLsn(), new WalOptions(1 << 20, false))) {
                    wal.sync(wal.append(payload(99)));
                }
                List<WalRecord> after = readAll(d);
                assertEquals(3, after.size());
                assertArrayEquals(payload(1), after.get(1).payload());
                assertArrayEquals(payload(99), after.get(2).payload());
            }
        }
    }

    @Test
    void preallocatedZerosAfterACrashAreTheCleanEndOfTheLog() throws IOException {
        Path image = Files.createDirectories(dir.resolve("image"));
        long end;
        try (WriteAheadLog wal = open(dir.resolve("live"), new WalOptions(1 << 24, true))) {
            appendAll(wal, 0, 50);
            end = wal.durableLsn();
            // the files as a process killed now leaves them: the zeros are still in place
            Path segment = dir.resolve("live").resolve(WalSegments.fileName(0));
            assertTrue(Files.size(segment) >= end + 1_000_000, "preallocated: " + Files.size(segment));
            Files.copy(segment, image.resolve(WalSegments.fileName(0)));
        }
        WalReader.ScanResult scan = WalReader.scan(image, 0, r -> { });
        assertEquals(end, scan.endLsn());
        assertEquals(50, scan.records());
        try (WriteAheadLog wal = WriteAheadLog.open(image, scan.endLsn(), new WalOptions(1 << 24, true))) {
            appendAll(wal, 50, 60);
        }
        List<WalRecord> records = readAll(image);
        assertEquals(60, records.size());
        assertArrayEquals(payload(59), records.get(59).payload());
        assertEquals(records.get(59).endLsn(), Files.size(image.resolve(WalSegments.fileName(0))));
    }

    @Test
    void damagedLastRecordCountsAsTornTail() throws IOException {
        try (WriteAheadLog wal = open(dir, new WalOptions(1 << 20, true))) {
            appendAll(wal, 0, 5);
        }
        List<WalRecord> records = readAll(dir);
        flipByte(dir.resolve(WalSegments.fileName(0)), records.get(4).lsn() + 20);
        WalReader.ScanResult scan = WalReader.scan(dir, 0, r -> { });
        assertEquals(records.get(4).lsn(), scan.endLsn());
    }

    @Test
    void damageInTheMiddleIsXX001NamingFileAndOffset() throws IOException {
        try (WriteAheadLog wal = open(dir, new WalOptions(1 << 20, true))) {
            appendAll(wal, 0, 5);
        }
        List<WalRecord> records = readAll(dir);
        Path file = dir.resolve(WalSegments.fileName(0));
        byte[] original = Files.readAllBytes(file);
        long second = records.get(1).lsn();
        // a payload byte, a checksum byte, a length byte (which hides where the next record is)
        for (long at : new long[] {second + 20, second + 5, second + 2, second}) {
            Files.write(file, original);
            flipByte(file, at);
            DbException e = assertThrows(DbException.class, () -> WalReader.scan(dir, 0, r -> { }), "at " + at);
            assertEquals(SqlState.DATA_CORRUPTED, e.sqlState());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("offset " + second), e.getMessage());
        }
    }

    @Test
    void damageInAnEarlierSegmentOrAMissingSegmentIsXX001() throws IOException {
        try (WriteAheadLog wal = open(dir, new WalOptions(128, true))) {
            appendAll(wal, 0, 20);
        }
        List<Segment> segments = WalSegments.list(dir);
        Path early = segments.get(1).path();
        byte[] original = Files.readAllBytes(early);
        flipByte(early, original.length - 3);
        assertEquals(SqlState.DATA_CORRUPTED,
                assertThrows(DbException.class, () -> WalReader.scan(dir, 0, r -> { })).sqlState());
        Files.write(early, original);
        assertEquals(20, readAll(dir).size());
        Files.delete(early);
        DbException e = assertThrows(DbException.class, () -> WalReader.scan(dir, 0, r -> { }));
        assertEquals(SqlState.DATA_CORRUPTED, e.sqlState());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void concurrentCommittersShareForces() throws Exception {
        WalOptions slowForce = new WalOptions(1 << 20, true, HookedChannel.opener(op -> {
            if (op.equals("force")) {
                sleep(1);
            }
        }));
        int threads = 16;
        int perThread = 40;
        try (WriteAheadLog wal = open(dir, slowForce)) {
            runCommitters(wal, threads, perThread);
            assertEquals(threads * perThread, wal.recordCount());
            assertTrue(wal.forceCount() <= threads * perThread / 4,
                    "forces " + wal.forceCount() + " for " + threads * perThread + " commits");
        }
        assertEquals(threads * perThread, readAll(dir).size());
    }

    static void runCommitters(WriteAheadLog wal, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                futures.add(pool.submit(() -> appendAll(wal, base, base + perThread)));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void afterAFailedForceTheLogRefusesWorkAndTheFailedRecordIsGone() throws IOException {
        AtomicBoolean failing = new AtomicBoolean();
        WalOptions options = new WalOptions(1 << 20, true, HookedChannel.opener(op -> {
            if (op.equals("force") && failing.get()) {
                throw new IOException("injected: disk gone");
            }
        }));
        try (WriteAheadLog wal = open(dir, options)) {
            appendAll(wal, 0, 3);
            failing.set(true);
            long end = wal.append(payload(3));
            DbException e = assertThrows(DbException.class, () -> wal.sync(end));
            assertEquals(SqlState.IO_ERROR, e.sqlState());
            failing.set(false);
            assertEquals(SqlState.IO_ERROR,
                    assertThrows(DbException.class, () -> wal.append(payload(4))).sqlState());
        }
        assertEquals(3, readAll(dir).size());
    }

    @Test
    void committersInterruptedInTheMiddleOfWritesAndForcesKeepTheLogUsable() throws Exception {
        // small segments: interrupts also land in segment creation and directory syncs
        WalOptions options = new WalOptions(4096, true);
        int threads = 4;
        int perThread = 300;
        try (WriteAheadLog wal = open(dir, options)) {
            List<Thread> committers = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                Thread thread = new Thread(() -> {
                    try {
                        appendAll(wal, base, base + perThread);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                committers.add(thread);
                thread.start();
            }
            int interrupts = 0;
            while (committers.stream().anyMatch(Thread::isAlive)) {
                for (Thread thread : committers) {
                    thread.interrupt();
                    interrupts++;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
            for (Thread thread : committers) {
                thread.join();
            }
            assertTrue(failures.isEmpty(), "after " + interrupts + " interrupts: " + failures);
            appendAll(wal, threads * perThread, threads * perThread + 1);
        }
        assertEquals(threads * perThread + 1, readAll(dir).size());
        try (WriteAheadLog wal = open(dir, options)) {
            appendAll(wal, 0, 1);
        }
    }

    @Test
    void aLongRunOfAppendsIsWrittenBehindButOnlyASyncMakesItDurable() throws IOException {
        byte[] big = new byte[1000];
        try (WriteAheadLog wal = open(dir, new WalOptions(64L << 20, true))) {
            appendAll(wal, 0, 1);
            long durable = wal.durableLsn();
            long end = 0;
            for (int i = 0; i < 3000; i++) {
                end = wal.append(big);
            }
            assertEquals(durable, wal.durableLsn(), "nothing forced without a sync");
            long onDisk = WalReader.scan(dir, 0, r -> { }).endLsn();
            assertTrue(onDisk > 2_000_000 && onDisk < end, "written behind: " + onDisk + " of " + end);
            wal.sync(end);
            assertEquals(end, WalReader.scan(dir, 0, r -> { }).endLsn());
            for (int i = 0; i < 3000; i++) {
                wal.append(big);
            }
        }
        assertEquals(3001, readAll(dir).size(), "records written behind but never synced are cut at close");
    }

    @Test
    void segmentsWhollyBeforeAPositionAreDeleted() throws IOException {
        try (WriteAheadLog wal = open(dir, new WalOptions(128, true))) {
            appendAll(wal, 0, 20);
            List<Segment> before = WalSegments.list(dir);
            long keepFrom = before.get(3).start() + 10;
            assertEquals(3, wal.removeSegmentsBefore(keepFrom));
            assertEquals(before.get(3).start(), WalSegments.list(dir).get(0).start());
            assertEquals(before.size() - 4, wal.removeSegmentsBefore(Long.MAX_VALUE));
            assertEquals(1, WalSegments.list(dir).size(), "the current segment stays");
            appendAll(wal, 20, 22);
        }
    }

    @Test
    void obsoleteSegmentsBecomeSparesThatNewSegmentsAreWrittenOver() throws IOException {
        WalOptions options = new WalOptions(1024, true);
        try (WriteAheadLog wal = open(dir, options)) {
            appendAll(wal, 0, 400);
            List<Segment> before = WalSegments.list(dir);
            assertTrue(before.size() > WalSpares.MAX_SPARES + 2, "segments: " + before.size());
            long keepFrom = before.get(before.size() - 1).start();
            assertEquals(before.size() - 1, wal.removeSegmentsBefore(keepFrom));
            assertEquals(WalSpares.MAX_SPARES, wal.spareCount(), "kept up to the limit, the rest deleted");
            long sparesBefore = Files.list(dir).filter(p -> p.toString().endsWith(".spare")).count();
            assertEquals(WalSpares.MAX_SPARES, sparesBefore);
            appendAll(wal, 400, 460);
            assertTrue(wal.spareCount() < WalSpares.MAX_SPARES, "new segments took spares: " + wal.spareCount());
        }
        // the recycled files still hold old records past the new ones: they read as the end
        List<WalRecord> records = readFromFirstSegment(dir);
        assertArrayEquals(payload(459), records.get(records.size() - 1).payload());
        long lsn = records.get(0).lsn();
        for (WalRecord r : records) {
            assertEquals(lsn, r.lsn());
            lsn = r.endLsn();
        }
        try (WriteAheadLog wal = open(dir, options)) {
            appendAll(wal, 460, 470);
        }
        records = readFromFirstSegment(dir);
        assertArrayEquals(payload(469), records.get(records.size() - 1).payload());
    }

    @Test
    void aCrashInASegmentMadeFromASpareLeavesItsOldRecordsAsTheCleanEnd() throws IOException {
        WalOptions options = new WalOptions(1024, true);
        Path live = dir.resolve("live");
        Path image = Files.createDirectories(dir.resolve("image"));
        long end;
        try (WriteAheadLog wal = open(live, options)) {
            appendAll(wal, 0, 200);
            wal.removeSegmentsBefore(wal.durableLsn());
            appendAll(wal, 200, 210); // into a recycled spare full of old records
            end = wal.durableLsn();
            // the files as a process killed now leaves them: the spare's old records follow the new ones
            try (var files = Files.list(live)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, image.resolve(file.getFileName()));
                }
            }
        }
        Segment last = WalSegments.list(image).get(WalSegments.list(image).size() - 1);
        assertTrue(last.end() > end, "the last segment holds more than its records");
        WalReader.ScanResult scan = WalReader.scan(image, WalSegments.list(image).get(0).start(), r -> { });
        assertEquals(end, scan.endLsn());
        try (WriteAheadLog wal = WriteAheadLog.open(image, scan.endLsn(), options)) {
            appendAll(wal, 210, 220);
        }
        List<WalRecord> records = readFromFirstSegment(image);
        assertArrayEquals(payload(219), records.get(records.size() - 1).payload());
    }

    @Test
    void aGrowingLogGetsSparesPreparedAheadAndALeftoverHalfPreparedOneIsDeleted() throws Exception {
        WalOptions options = new WalOptions(64 * 1024, true);
        Files.createDirectories(dir);
        Files.write(dir.resolve("spare-00000000000000ff.spare.preparing"), new byte[100]);
        try (WriteAheadLog wal = open(dir, options)) {
            assertTrue(Files.notExists(dir.resolve("spare-00000000000000ff.spare.preparing")));
            assertEquals(0, wal.spareCount(), "a log that never grew past its first segment prepares none");
            byte[] big = new byte[10_000];
            for (int i = 0; i < 8; i++) {
                wal.sync(wal.append(big));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (wal.spareCount() < WalSpares.PREPARED_AHEAD && System.nanoTime() < deadline) {
                sleep(10);
            }
            assertEquals(WalSpares.PREPARED_AHEAD, wal.spareCount());
            for (int i = 0; i < 20; i++) {
                wal.sync(wal.append(big));
            }
        }
        assertEquals(28, readAll(dir).size());
    }

    static void flipByte(Path file, long position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) position] ^= 0x40;
        Files.write(file, bytes);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
