package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.RowVersion;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;

/**
 * READ COMMITTED transfers on a few hot rows, each a lookup by key and an update that follows
 * the row to its newest version when a committed transaction changed it first (as UPDATE does
 * over SQL): every lookup finds its row and every update lands, while inserts prune the pages
 * the versions live on.
 */
class ReadCommittedFollowTest extends OpenEngine {
    private static final int ACCOUNTS = 6;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(3);
    private final ExecutorService pool = Executors.newFixedThreadPool(5);
    private final AtomicBoolean running = new AtomicBoolean(true);

    @AfterEach
    void stopPool() {
        running.set(false);
        pool.shutdownNow();
    }

    /**
     * Adds to one row's balance as UPDATE does: a lookup by key in a cursor of its own (the
     * statement's snapshot), kept open while the row is updated and followed.
     */
    private void add(Transaction txn, TableHandle table, int id, int amount) {
        txn.statementStarted();
        try (RowCursor cursor = engine.scanIndex(txn, engine.indexes(txn, table).get(0), KeyRange.equal(id), false)) {
            assertTrue(cursor.next(), "row " + id + " not found");
            RowId at = cursor.rowId();
            Object[] read = cursor.row().clone();
            assertTrue(!cursor.next(), "row " + id + " found twice");
            for (;;) {
                try {
                    engine.update(txn, table, at, read, new Object[] {id, (Integer) read[1] + amount});
                    return;
                } catch (DbException e) {
                    if (!SqlState.SERIALIZATION_FAILURE.equals(e.sqlState())) {
                        throw e;
                    }
                    Optional<RowVersion> next = engine.latestVersion(txn, table, at);
                    assertTrue(next.isPresent(), "row " + id + " lost while following it");
                    at = next.get().id();
                    read = next.get().values();
                }
            }
        }
    }

    private int balance(Transaction txn, TableHandle table, int id) {
        try (RowCursor cursor = engine.scanIndex(txn, engine.indexes(txn, table).get(0), KeyRange.equal(id), false)) {
            assertTrue(cursor.next(), "row " + id + " not found");
            return (Integer) cursor.row()[1];
        }
    }

    private TableHandle accounts() {
        Transaction setup = begin();
        TableHandle accounts = engine.createTable(setup, new TableDefinition("public", "accounts",
                List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                        new ColumnDefinition("balance", SqlType.INTEGER, -1, true)),
                List.of(new UniqueKey("accounts_pkey", List.of(0), true))));
        for (int i = 0; i < ACCOUNTS; i++) {
            engine.insert(setup, accounts, new Object[] {i, 1000});
        }
        setup.commit();
        return accounts;
    }

    /**
     * UPDATE reads the rows to change in a cursor it closes before changing them: a row one of
     * them committed an update of meanwhile must still be followed, even after other
     * transactions ended (which is when links of committed updaters are let go).
     */
    @Test
    void aRowReadByAClosedCursorIsFollowedAfterItsUpdaterCommitted() {
        TableHandle accounts = accounts();
        Transaction reader = begin();
        reader.statementStarted();
        RowId read;
        Object[] values;
        try (RowCursor cursor = engine.scanIndex(reader, engine.indexes(reader, accounts).get(0), KeyRange.equal(1),
                false)) {
            assertTrue(cursor.next());
            read = cursor.rowId();
            values = cursor.row().clone();
        }
        Transaction updater = begin();
        add(updater, accounts, 1, 10);
        updater.commit();
        Transaction other = begin();
        engine.insert(other, accounts, new Object[] {ACCOUNTS + 1, 0});
        other.commit();
        DbException changed = org.junit.jupiter.api.Assertions.assertThrows(DbException.class,
                () -> engine.update(reader, accounts, read, values, new Object[] {1, 0}));
        org.junit.jupiter.api.Assertions.assertEquals(SqlState.SERIALIZATION_FAILURE, changed.sqlState());
        Optional<RowVersion> next = engine.latestVersion(reader, accounts, read);
        assertTrue(next.isPresent(), "the updated row was lost");
        org.junit.jupiter.api.Assertions.assertEquals(1010, next.get().values()[1]);
        reader.rollback();
    }

    /**
     * A transaction whose update of a row was undone ends after another updated the same row:
     * its end must not take away the other's link, which a statement that read the row before
     * still follows.
     */
    @Test
    void anUndoneUpdateEndingLateLeavesTheNextUpdatersLinkAlone() {
        TableHandle accounts = accounts();
        Transaction undone = begin();
        undone.savepoint("s");
        RowId first;
        try (RowCursor cursor = engine.scanIndex(undone, engine.indexes(undone, accounts).get(0), KeyRange.equal(1),
                false)) {
            assertTrue(cursor.next());
            first = cursor.rowId();
            engine.update(undone, accounts, first, cursor.row().clone(), new Object[] {1, 1});
        }
        undone.rollbackToSavepoint("s");

        Transaction follower = begin();
        follower.statementStarted();
        try (RowCursor cursor = engine.scanIndex(follower, engine.indexes(follower, accounts).get(0),
                KeyRange.equal(1), false)) {
            assertTrue(cursor.next());
            assertEquals(first, cursor.rowId());
            Object[] read = cursor.row().clone();

            Transaction updater = begin();
            engine.update(updater, accounts, first, new Object[] {1, 1000}, new Object[] {1, 1500});
            updater.commit();
            undone.rollback();

            DbException conflict = assertThrows(DbException.class,
                    () -> engine.update(follower, accounts, first, read, new Object[] {1, 2000}));
            assertEquals(SqlState.SERIALIZATION_FAILURE, conflict.sqlState());
            Optional<RowVersion> latest = engine.latestVersion(follower, accounts, first);
            assertTrue(latest.isPresent(), "the row's newest version is lost");
            assertEquals(1500, latest.get().values()[1]);
        }
        follower.commit();
    }

    @Test
    void everyUpdateFindsItsRowWhileOthersUpdateIt() throws Exception {
        TableHandle accounts = accounts();
        AtomicLong transfers = new AtomicLong();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int seed = w;
            workers.add(pool.submit((Callable<Void>) () -> {
                Random random = new Random(seed);
                while (running.get()) {
                    int from = random.nextInt(ACCOUNTS);
                    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    int amount = 1 + random.nextInt(50);
                    Transaction txn = begin();
                    try {
                        add(txn, accounts, from, -amount);
                        add(txn, accounts, to, amount);
                        if (random.nextInt(4) == 0) {
                            txn.rollback(); // others follow links past versions that are then undone
                        } else {
                            txn.commit();
                            transfers.incrementAndGet();
                        }
                    } catch (DbException e) {
                        txn.rollback();
                        if (!SqlState.DEADLOCK_DETECTED.equals(e.sqlState())) {
                            throw e;
                        }
                    } catch (AssertionError e) {
                        txn.rollback();
                        throw e;
                    }
                }
                return null;
            }));
        }
        workers.add(pool.submit((Callable<Void>) () -> {
            while (running.get()) {
                engine.vacuum(accounts);
            }
            return null;
        }));
        long deadline = System.nanoTime() + RUN_NANOS;
        while (System.nanoTime() < deadline && workers.stream().noneMatch(Future::isDone)) {
            Thread.sleep(20);
        }
        running.set(false);
        for (Future<?> f : workers) {
            f.get(60, TimeUnit.SECONDS);
        }
        Transaction check = begin();
        long total = 0;
        for (int i = 0; i < ACCOUNTS; i++) {
            total += balance(check, accounts, i);
        }
        check.commit();
        assertEquals(ACCOUNTS * 1000L, total);
        assertTrue(transfers.get() > 100, transfers + " transfers");
    }
}
