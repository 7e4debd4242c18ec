package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.kernel.testkit.StorageConstraintContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The constraint contract, and constraints kept across a crash and a clean shutdown. */
class PagedStorageConstraintTest extends StorageConstraintContract {
    @TempDir
    Path dir;
    private final List<PagedStorageEngine> opened = new ArrayList<>();

    @Override
    protected StorageEngine createEngine() {
        PagedStorageEngine engine = PagedStorageEngine.open(dir, new PagedOptions(true, 8L << 20, 64L << 20));
        opened.add(engine);
        return engine;
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }

    @AfterEach
    void closeAll() {
        for (PagedStorageEngine engine : opened) {
            try {
                engine.halt();
            } catch (RuntimeException e) {
                // already closed
            }
        }
    }

    private TableDefinition definition(String name) {
        Transaction txn = begin();
        TableDefinition definition = engine.findTable(txn, "public", name).orElseThrow().definition();
        txn.commit();
        return definition;
    }

    @Test
    void constraintsSurviveACrashAndACleanShutdown() {
        Transaction create = begin();
        TableHandle table = engine.createTable(create, child());
        engine.createTable(create, new TableDefinition("public", "other", child().columns(),
                List.of(new UniqueKey("other_pkey", List.of(0), true)), List.of(), List.of(TO_PARENT)));
        create.commit();
        Transaction alter = begin();
        engine.alterConstraints(alter, table, List.of(POSITIVE), List.of(TO_SELF));
        alter.commit();
        Transaction undone = begin();
        engine.alterConstraints(undone, table, List.of(), List.of());
        undone.rollback();
        Transaction unfinished = begin();
        engine.alterConstraints(unfinished, table, List.of(), List.of());
        TableDefinition expected = child().withConstraints(List.of(POSITIVE), List.of(TO_SELF));

        ((PagedStorageEngine) engine).halt();
        engine = createEngine();
        assertEquals(expected, definition("child"));
        Transaction again = begin();
        // the tuple the unfinished alter wrote is dead: the table can be altered and dropped
        engine.alterConstraints(again, engine.findTable(again, "public", "child").orElseThrow(), List.of(POSITIVE),
                List.of());
        again.commit();

        ((PagedStorageEngine) engine).shutDown();
        engine = createEngine();
        assertEquals(child().withConstraints(List.of(POSITIVE), List.of()), definition("child"));
        assertEquals(List.of(TO_PARENT), definition("other").foreignKeys());
    }
}
