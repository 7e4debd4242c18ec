package org.rustydb.storage.paged.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The three operations of the storage benchmark, implemented once per store so both run exactly
 * the same workload. (Not named "...UnderTest": Surefire would take it for a test class.)
 */
interface BenchedStore extends AutoCloseable {
    /** Where stores create their directories: {@code -Dbench.workDir}, default {@code target/bench/work}. */
    String WORK_DIR_PROPERTY = "bench.workDir";

    /** What a full scan saw. */
    record ScanTotals(long rows, long kSum) {
    }

    /** Inserts {@code rows[from..to)} as one transaction, durable (forced to disk) when this returns. */
    void insertBatch(Object[][] rows, int from, int to);

    /**
     * Looks up every id by primary key, all in one read transaction, and returns the sum of their
     * k; fails if an id is missing.
     */
    long lookupKSum(long[] ids);

    /** Reads every row, counting them and summing k. */
    ScanTotals scan();

    /** Closes the store and deletes its directory. */
    @Override
    void close();

    /** Opens an empty store of the named engine ({@code rustydb} or {@code mvstore}) in a fresh directory. */
    static BenchedStore open(String engine, int mvstoreCacheMb) {
        Path dir = freshDirectory(engine);
        try {
            return switch (engine) {
                case "rustydb" -> new RustyDbStore(dir);
                case "mvstore" -> new MvStoreStore(dir, mvstoreCacheMb);
                default -> throw new IllegalArgumentException("unknown engine: " + engine);
            };
        } catch (RuntimeException | Error e) {
            deleteTree(dir);
            throw e;
        }
    }

    private static Path freshDirectory(String engine) {
        try {
            Path parent = Paths.get(System.getProperty(WORK_DIR_PROPERTY, "target/bench/work"));
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, engine + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
