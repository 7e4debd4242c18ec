package org.rustydb.storage.memory.internal;

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
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * The constraint contract on a durable engine, and constraints kept across a crash (replayed from
 * the log) and a clean shutdown (read from the snapshot).
 */
class ConstraintRecoveryTest extends StorageConstraintContract {
    @TempDir
    Path dir;
    private final List<MemoryStorageEngine> opened = new ArrayList<>();

    @Override
    protected StorageEngine createEngine() {
        MemoryStorageEngine engine = MemoryStorageEngine.open(dir, DurabilityOptions.defaults());
        opened.add(engine);
        return engine;
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }

    @AfterEach
    void closeAll() {
        for (MemoryStorageEngine e : opened) {
            e.store().orElseThrow().halt();
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
        create.commit();
        Transaction alter = begin();
        engine.alterConstraints(alter, table, List.of(POSITIVE), List.of(TO_SELF));
        alter.commit();
        Transaction undone = begin();
        engine.alterConstraints(undone, table, List.of(), List.of());
        undone.rollback();
        TableDefinition expected = child().withConstraints(List.of(POSITIVE), List.of(TO_SELF));

        ((MemoryStorageEngine) engine).store().orElseThrow().halt();
        engine = createEngine();
        assertEquals(expected, definition("child"));

        ((MemoryStorageEngine) engine).shutDown();
        engine = createEngine();
        assertEquals(0, ((MemoryStorageEngine) engine).store().orElseThrow().recoveryInfo().records());
        assertEquals(expected, definition("child"));
    }
}
