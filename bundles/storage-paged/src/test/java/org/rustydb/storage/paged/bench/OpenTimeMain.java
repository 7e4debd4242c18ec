package org.rustydb.storage.paged.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.paged.internal.engine.PagedOptions;
import org.rustydb.storage.paged.internal.engine.PagedStorageEngine;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * How long a large paged database takes to open after a clean shutdown (the storage goal: 1 GB
 * in under 2 s). Builds the database once if the directory does not hold one that large yet
 * ({@link OpenTimeDatabase}), then opens it several times in this JVM and once in a fresh JVM,
 * timing {@code PagedStorageEngine.open} and the first query (find the table, one primary-key
 * lookup returning the row) separately, each followed by a clean shutdown.
 *
 * <pre>
 * OpenTimeMain [GIGABYTES=1.0] [--dir=PATH] [--keep | --delete] [--runs=N] [--buffer-pool-mb=N]
 *              [--no-fresh-jvm]
 * </pre>
 * GIGABYTES is in GiB (2^30 bytes). The directory (default {@code target/bench/open-<GB>g}) is
 * kept by default, since building it takes minutes; {@code --delete} removes it at the end. Opens
 * use the server's default buffer pool (128 MiB) unless {@code --buffer-pool-mb} says otherwise.
 * {@code --measure-only --lookup-id=ID} is the fresh-JVM run: one measurement, printed for the
 * parent to read.
 */
public final class OpenTimeMain {
    static final double GOAL_MILLIS = 2000;
    private static final String FIRST_ROW = "OPEN-TIME-FIRST-ROW";
    private static final String RESULT = "OPEN-TIME-RESULT";

    /** One open: its time, the first query's time, the clean shutdown's time, and bytes read by open. */
    record Timing(String run, long openNanos, long queryNanos, long shutDownNanos, long openReadBytes,
                  long processStartToRowNanos) {
        double openMs() {
            return openNanos / 1e6;
        }

        double toFirstRowMs() {
            return (openNanos + queryNanos) / 1e6;
        }
    }

    private OpenTimeMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        // the engine's own timings ("recovered in", "checkpoint complete in"), which the kernel
        // test jar's simplelogger.properties (warn) would hide; before any logger exists
        System.setProperty("org.slf4j.simpleLogger.log.org.rustydb.storage.paged",
                System.getProperty("org.slf4j.simpleLogger.log.org.rustydb.storage.paged", "info"));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        double gigabytes = 1.0;
        Path dir = null;
        boolean delete = false;
        boolean measureOnly = false;
        boolean freshJvm = true;
        int runs = 5;
        long lookupId = 1;
        long poolBytes = PagedOptions.DEFAULT_BUFFER_POOL_BYTES;
        boolean positional = false;
        for (String arg : args) {
            if (arg.startsWith("--dir=")) {
                dir = Paths.get(value(arg));
            } else if (arg.equals("--keep")) {
                delete = false;
            } else if (arg.equals("--delete")) {
                delete = true;
            } else if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(value(arg));
            } else if (arg.startsWith("--buffer-pool-mb=")) {
                poolBytes = Long.parseLong(value(arg)) << 20;
            } else if (arg.equals("--no-fresh-jvm")) {
                freshJvm = false;
            } else if (arg.equals("--measure-only")) {
                measureOnly = true;
            } else if (arg.startsWith("--lookup-id=")) {
                lookupId = Long.parseLong(value(arg));
            } else if (!arg.startsWith("--") && !positional) {
                gigabytes = Double.parseDouble(arg);
                positional = true;
            } else {
                throw new IllegalArgumentException("unknown argument: " + arg
                        + " (usage: OpenTimeMain [GIGABYTES] [--dir=PATH] [--keep|--delete] [--runs=N]"
                        + " [--buffer-pool-mb=N] [--no-fresh-jvm])");
            }
        }
        if (!(gigabytes > 0) || runs < 1 || lookupId < 1) {
            throw new IllegalArgumentException("GIGABYTES, --runs and --lookup-id must be positive");
        }
        if (dir == null) {
            dir = Paths.get("target", "bench", "open-" + trim(gigabytes) + "g");
        }
        dir = dir.toAbsolutePath().normalize();
        PagedOptions options = new PagedOptions(true, poolBytes, PagedOptions.DEFAULT_CHECKPOINT_BYTES);
        if (measureOnly) {
            Timing t = measure("fresh JVM", dir, options, lookupId, () -> {
                System.out.println(FIRST_ROW);
                System.out.flush();
            });
            System.out.println(RESULT + " " + t.openNanos() + " " + t.queryNanos() + " " + t.shutDownNanos() + " "
                    + t.openReadBytes());
            return;
        }

        String loadBefore = loadAverage();
        long targetBytes = Math.round(gigabytes * (1L << 30));
        OpenTimeDatabase.Prepared db = OpenTimeDatabase.prepare(dir, targetBytes);
        System.out.printf(Locale.ROOT, "%s: %,d bytes (%s) in %d files, %,d rows%n", dir, db.directoryBytes(),
                OpenTimeDatabase.mib(db.directoryBytes()), db.files(), db.maxId());
        SplittableRandom random = new SplittableRandom();
        List<Timing> timings = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            timings.add(measure("same JVM " + i, dir, options, random.nextLong(db.maxId()) + 1, () -> { }));
        }
        Timing fresh = freshJvm ? freshJvm(gigabytes, dir, poolBytes, random.nextLong(db.maxId()) + 1) : null;
        String loadAfter = loadAverage();

        System.out.println();
        System.out.println(report(gigabytes, db, options, timings, fresh, loadBefore, loadAfter));
        if (delete) {
            BenchedStore.deleteTree(dir);
            System.out.println("deleted " + dir);
        } else {
            System.out.println("kept " + dir + " for the next run (--delete removes it at the end)");
        }
    }

    /** Opens, runs the first query, shuts down cleanly; times each step. */
    static Timing measure(String run, Path dir, PagedOptions options, long lookupId, Runnable firstRowSeen) {
        long readBefore = bytesRead();
        long started = System.nanoTime();
        PagedStorageEngine engine = PagedStorageEngine.open(dir, options);
        long opened = System.nanoTime();
        long readByOpen = readBefore < 0 ? -1 : bytesRead() - readBefore;
        long queried;
        try {
            queried = firstQuery(engine, lookupId, opened);
            firstRowSeen.run();
        } catch (RuntimeException e) {
            engine.halt();
            throw e;
        }
        engine.shutDown();
        long closed = System.nanoTime();
        return new Timing(run, opened - started, queried - opened, closed - queried, readByOpen, -1);
    }

    /** Finds the table and looks one row up by primary key, as the first statement after start-up would. */
    private static long firstQuery(PagedStorageEngine engine, long id, long opened) {
        Transaction txn = new TransactionCoordinator().begin(IsolationLevel.READ_COMMITTED, true);
        try {
            TableHandle table = engine.findTable(txn, OpenTimeDatabase.SCHEMA, OpenTimeDatabase.TABLE)
                    .orElseThrow(() -> new IllegalStateException("no table " + OpenTimeDatabase.TABLE));
            try (RowCursor cursor = engine.scanIndex(txn, OpenTimeDatabase.primaryKey(engine, txn, table),
                    KeyRange.equal(id), false)) {
                if (!cursor.next() || !Long.valueOf(id).equals(cursor.row()[0])) {
                    throw new IllegalStateException("the lookup of id " + id + " did not return that row");
                }
            }
        } finally {
            txn.commit();
        }
        return System.nanoTime();
    }

    /**
     * Runs one measurement in a new JVM (same java, same class path), as a server start would be:
     * class loading and a cold JIT included. Also times the whole process, from spawning it to
     * the first row.
     */
    private static Timing freshJvm(double gigabytes, Path dir, long poolBytes, long lookupId)
            throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(Arrays.asList(java, "-cp", System.getProperty("java.class.path"),
                OpenTimeMain.class.getName(), trim(gigabytes), "--dir=" + dir, "--measure-only",
                "--lookup-id=" + lookupId, "--buffer-pool-mb=" + (poolBytes >> 20)));
        System.out.println("fresh JVM: " + String.join(" ", command.subList(3, command.size())));
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long firstRow = -1;
        String result = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(FIRST_ROW)) {
                    firstRow = System.nanoTime() - spawned;
                } else if (line.startsWith(RESULT + " ")) {
                    result = line;
                } else {
                    System.out.println("  [fresh JVM] " + line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null || firstRow < 0) {
            throw new IllegalStateException("the fresh JVM failed (exit " + exit + ")");
        }
        String[] f = result.split(" ");
        return new Timing("fresh JVM", Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), firstRow);
    }

    static String report(double gigabytes, OpenTimeDatabase.Prepared db, PagedOptions options, List<Timing> timings,
                         Timing fresh, String loadBefore, String loadAfter) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Opening a %s GiB database after a clean shutdown (goal: under %.0f s)%n",
                trim(gigabytes), GOAL_MILLIS / 1000));
        sb.append(String.format(Locale.ROOT, "%s, %,d bytes in %d files, %,d rows; buffer pool %d MiB, fsync on%n",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), db.directoryBytes(),
                db.files(), db.maxId(), options.bufferPoolBytes() >> 20));
        sb.append(String.format(Locale.ROOT, "%d cores, Java %s, load average before %s, after %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), loadBefore,
                loadAfter));
        String format = "%-12s | %9s | %14s | %16s | %13s | %12s%n";
        sb.append(String.format(Locale.ROOT, format, "run", "open ms", "first query ms", "open + query ms",
                "shut down ms", "read by open"));
        sb.append("-".repeat(91)).append('\n');
        List<Timing> all = new ArrayList<>(timings);
        if (fresh != null) {
            all.add(fresh);
        }
        for (Timing t : all) {
            sb.append(String.format(Locale.ROOT, format, t.run(), ms(t.openNanos()), ms(t.queryNanos()),
                    ms(t.openNanos() + t.queryNanos()), ms(t.shutDownNanos()),
                    t.openReadBytes() < 0 ? "?" : String.format(Locale.ROOT, "%,.0f KiB", t.openReadBytes() / 1024.0)));
        }
        double openMedian = median(timings.stream().mapToDouble(Timing::openMs).toArray());
        double rowMedian = median(timings.stream().mapToDouble(Timing::toFirstRowMs).toArray());
        sb.append(String.format(Locale.ROOT, "median of %d (same JVM): open %.1f ms, open + first query %.1f ms: %s%n",
                timings.size(), openMedian, rowMedian, verdict(rowMedian)));
        if (fresh != null) {
            sb.append(String.format(Locale.ROOT, "fresh JVM: open + first query %.1f ms: %s; from starting the"
                            + " process to the first row %.1f ms (JVM start-up and class loading included): %s%n",
                    fresh.toFirstRowMs(), verdict(fresh.toFirstRowMs()), fresh.processStartToRowNanos() / 1e6,
                    verdict(fresh.processStartToRowNanos() / 1e6)));
        }
        sb.append("read by open: bytes the process read through system calls while opening (/proc/self/io rchar;"
                + " in the fresh JVM this includes class loading)");
        return sb.toString();
    }

    private static String verdict(double millis) {
        return millis < GOAL_MILLIS ? "under 2 s" : "OVER 2 s";
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** 1.0 as "1", 0.5 as "0.5": for directory names and arguments. */
    private static String trim(double gigabytes) {
        return gigabytes == Math.rint(gigabytes) ? Long.toString((long) gigabytes) : Double.toString(gigabytes);
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    /** Bytes this process has read through system calls (Linux); -1 where unknown. */
    private static long bytesRead() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/io"))) {
                if (line.startsWith("rchar:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the column shows "?"
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
