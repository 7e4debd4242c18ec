package org.rustydb.storage.memory.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * The process {@link KillNineTest} kills: writer threads commit forever, each transaction adding
 * a row to {@code log} and setting the thread's row in {@code counters} to its sequence number,
 * and print {@code ack <thread> <seq>} once the commit has returned.
 */
public final class KillNineWriter {
    static final TableDefinition COUNTERS = new TableDefinition("public", "counters",
            List.of(new ColumnDefinition("thread", SqlType.INTEGER, -1, true),
                    new ColumnDefinition("n", SqlType.BIGINT, -1, true)),
            List.of(new UniqueKey("counters_pkey", List.of(0), true)));
    static final TableDefinition LOG = new TableDefinition("public", "log",
            List.of(new ColumnDefinition("thread", SqlType.INTEGER, -1, true),
                    new ColumnDefinition("seq", SqlType.BIGINT, -1, true),
                    new ColumnDefinition("payload", SqlType.TEXT, -1, false)),
            List.of(new UniqueKey("log_pkey", List.of(0, 1), true)));

    private KillNineWriter() {
    }

    /** The counter rows by thread: row id and value. */
    static Map<Integer, long[]> counters(MemoryStorageEngine engine, Transaction txn) {
        Map<Integer, long[]> out = new TreeMap<>();
        TableHandle table = engine.findTable(txn, "public", "counters").orElseThrow();
        try (RowCursor cursor = engine.scan(txn, table)) {
            while (cursor.next()) {
                out.put((Integer) cursor.row()[0], new long[] {cursor.rowId().value(), (Long) cursor.row()[1]});
            }
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        MemoryStorageEngine engine = MemoryStorageEngine.open(dir, new DurabilityOptions(true, 64 * 1024));
        TransactionCoordinator transactions = new TransactionCoordinator();
        Transaction setup = transactions.begin(IsolationLevel.READ_COMMITTED, false);
        if (engine.findTable(setup, "public", "counters").isEmpty()) {
            TableHandle counters = engine.createTable(setup, COUNTERS);
            engine.createTable(setup, LOG);
            for (int t = 0; t < threads; t++) {
                engine.insert(setup, counters, new Object[] {t, 0L});
            }
        }
        setup.commit();
        Transaction read = transactions.begin(IsolationLevel.READ_COMMITTED, true);
        Map<Integer, long[]> start = counters(engine, read);
        TableHandle counters = engine.findTable(read, "public", "counters").orElseThrow();
        TableHandle log = engine.findTable(read, "public", "log").orElseThrow();
        read.commit();
        System.out.println("ready");
        System.out.flush();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                long seq = start.get(thread)[1];
                RowId counter = new RowId(start.get(thread)[0]);
                String payload = "payload of thread " + thread + " ü 😀 " + "x".repeat(thread * 40);
                while (true) {
                    seq++;
                    Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, false);
                    engine.insert(txn, log, new Object[] {thread, seq, payload});
                    engine.update(txn, counters, counter, new Object[] {thread, seq});
                    txn.commit();
                    System.out.println("ack " + thread + " " + seq);
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }
}
