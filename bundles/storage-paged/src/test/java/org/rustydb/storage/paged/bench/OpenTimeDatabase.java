package org.rustydb.storage.paged.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.storage.paged.internal.engine.PagedOptions;
import org.rustydb.storage.paged.internal.engine.PagedStorageEngine;
import org.rustydb.storage.paged.internal.engine.PagedStore;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * The database {@link OpenTimeMain} opens: the benchmark's {@code sbtest} table (ids 1..N, random
 * k, c and pad) with its primary key and a secondary index on k, grown with the paged engine
 * through the storage SPI until the page files hold the target size. An existing directory is
 * reused and grown from its highest id, so the minutes of loading are paid once.
 */
final class OpenTimeDatabase {
    static final String SCHEMA = "public";
    static final String TABLE = "sbtest";
    static final String K_INDEX = "sbtest_k";
    /** Rows per transaction while loading: durable commits (fsync on), but few of them. */
    static final int BATCH_ROWS = 10_000;
    private static final long BUILD_POOL_BYTES = 256L << 20;
    /** Roughly what a row costs on disk (heap tuple and two index entries); only sizes k's range. */
    private static final long ROW_BYTES_ESTIMATE = 300;
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    /** What {@link #prepare} found or built: ids 1..maxId exist. */
    record Prepared(long maxId, long rowsAdded, long directoryBytes, int files) {
    }

    private OpenTimeDatabase() {
    }

    /**
     * Makes sure {@code dir} holds the table with at least {@code targetBytes} in the directory,
     * loading rows if not, and leaves it after a clean shutdown. Always opens it once (untimed), so
     * the measured opens follow a clean shutdown even if an earlier run was killed.
     */
    static Prepared prepare(Path dir, long targetBytes) {
        refuseForeignDirectory(dir);
        long before = directoryBytes(dir);
        System.out.printf(Locale.ROOT, "preparing %s: %s now, %s wanted%n", dir, mib(before), mib(targetBytes));
        PagedStorageEngine engine = PagedStorageEngine.open(dir,
                new PagedOptions(true, BUILD_POOL_BYTES, PagedOptions.DEFAULT_CHECKPOINT_BYTES));
        long maxId;
        long added = 0;
        RuntimeException failure = null;
        try {
            TransactionManager transactions = new TransactionCoordinator();
            Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, false);
            TableHandle table = engine.findTable(txn, SCHEMA, TABLE)
                    .orElseGet(() -> engine.createTable(txn, RustyDbStore.SBTEST));
            if (engine.findIndex(txn, SCHEMA, K_INDEX).isEmpty()) {
                engine.createIndex(txn, table, new IndexDefinition(K_INDEX, List.of(1), false));
            }
            maxId = maxId(engine, txn, primaryKey(engine, txn, table));
            txn.commit();
            if (before < targetBytes) {
                long loaded = load(engine, transactions, table, maxId, targetBytes);
                added = loaded - maxId;
                maxId = loaded;
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            long started = System.nanoTime();
            try {
                engine.shutDown();
            } catch (RuntimeException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
            if (failure == null && added > 0) {
                System.out.printf(Locale.ROOT, "clean shutdown (final checkpoint) in %.0f ms%n",
                        (System.nanoTime() - started) / 1e6);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            int count = (int) files.filter(Files::isRegularFile).count();
            return new Prepared(maxId, added, directoryBytes(dir), count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The primary key's index, as the engine reports it (named after the constraint). */
    static IndexHandle primaryKey(PagedStorageEngine engine, Transaction txn, TableHandle table) {
        return engine.indexes(txn, table).stream()
                .filter(index -> index.definition().name().equals(RustyDbStore.PRIMARY_KEY))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the engine reports no index " + RustyDbStore.PRIMARY_KEY));
    }

    private static long maxId(PagedStorageEngine engine, Transaction txn, IndexHandle primaryKey) {
        try (RowCursor cursor = engine.scanIndex(txn, primaryKey, KeyRange.ALL, true)) {
            return cursor.next() ? (Long) cursor.row()[0] : 0;
        }
    }

    /** Inserts rows after {@code maxId} until the page files hold {@code targetBytes}; returns the new highest id. */
    private static long load(PagedStorageEngine engine, TransactionManager transactions, TableHandle table,
                             long maxId, long targetBytes) {
        SplittableRandom random = new SplittableRandom(Workload.SEED + maxId);
        int kRange = (int) Math.min(Integer.MAX_VALUE, Math.max(1_000, targetBytes / ROW_BYTES_ESTIMATE));
        long id = maxId;
        long stored = pageFileBytes(engine.store());
        int reportedTenths = (int) (stored * 10 / targetBytes);
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "loading from id %,d, %,d rows per transaction, fsync on%n", id + 1, BATCH_ROWS);
        while (stored < targetBytes) {
            Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, false);
            try {
                for (int i = 0; i < BATCH_ROWS; i++) {
                    id++;
                    engine.insert(txn, table, new Object[] {id, random.nextInt(kRange) + 1,
                            randomString(random, Workload.C_LENGTH), randomString(random, Workload.PAD_LENGTH)});
                }
            } catch (RuntimeException e) {
                txn.rollback();
                throw e;
            }
            txn.commit();
            stored = pageFileBytes(engine.store());
            int tenths = (int) Math.min(10, stored * 10 / targetBytes);
            if (tenths > reportedTenths) {
                reportedTenths = tenths;
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "  %3d%%  %,12d rows  %s in page files  %6.0f s  %,9.0f rows/s%n",
                        tenths * 10, id, mib(stored), seconds, (id - maxId) / seconds);
            }
        }
        return id;
    }

    /** Bytes in the page files as the buffer pool sees them: includes pages not yet written out. */
    private static long pageFileBytes(PagedStore store) {
        long pages = 0;
        for (int fileId : store.disk().fileIds()) {
            pages += store.pool().pageCount(fileId);
        }
        return pages * 8192;
    }

    private static String randomString(SplittableRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    /** Opening creates a database in any directory: refuse one that holds something else. */
    private static void refuseForeignDirectory(Path dir) {
        if (!Files.isDirectory(dir) || Files.exists(dir.resolve("control"))) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException(dir + " is neither empty nor a RustyDB paged database");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sum of the sizes of the regular files under {@code dir}; 0 if it does not exist. */
    static long directoryBytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MiB", bytes / 1048576.0);
    }
}
