package org.rustydb.storage.paged.internal.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.kernel.testkit.StorageSequenceContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The ALTER SEQUENCE contract, also across a crash and a clean shutdown. */
class PagedSequenceTest extends StorageSequenceContract {
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

    @Override
    protected StorageEngine restart(boolean crash) {
        if (crash) {
            ((PagedStorageEngine) engine).halt();
        } else {
            ((PagedStorageEngine) engine).shutDown();
        }
        return createEngine();
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
}
