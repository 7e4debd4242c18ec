package org.rustydb.storage.paged.internal.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.paged.internal.vacuum.VacuumOptions;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * A test with one paged engine on a fresh directory (8 MiB pool, fsync on, no background vacuum
 * unless {@link #options} says otherwise), shut down afterwards.
 */
abstract class OpenEngine {
    @TempDir
    Path dir;
    final TransactionCoordinator transactions = new TransactionCoordinator();
    PagedStorageEngine engine;

    @BeforeEach
    void openEngine() {
        engine = PagedStorageEngine.open(dir, options());
    }

    PagedOptions options() {
        return new PagedOptions(true, 8L << 20, 64L << 20).withVacuum(VacuumOptions.defaults().withAutovacuum(false));
    }

    @AfterEach
    void shutDownEngine() {
        engine.shutDown();
    }

    Transaction begin() {
        return begin(IsolationLevel.READ_COMMITTED);
    }

    Transaction begin(IsolationLevel level) {
        return transactions.begin(level, false);
    }
}
