package org.rustydb.storage.paged.internal.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.storage.StorageEngine;

/**
 * Paged engines a contract test opens on one directory, again after each crash or clean
 * shutdown it asks for, all halted at the end of the test.
 */
final class ReopenedEngines {
    private final List<PagedStorageEngine> opened = new ArrayList<>();

    PagedStorageEngine open(Path dir) {
        PagedStorageEngine engine = PagedStorageEngine.open(dir, new PagedOptions(true, 8L << 20, 64L << 20));
        opened.add(engine);
        return engine;
    }

    /** Stops {@code engine} as a crash would (or cleanly) and opens the directory again. */
    PagedStorageEngine restart(StorageEngine engine, boolean crash, Path dir) {
        if (crash) {
            ((PagedStorageEngine) engine).halt();
        } else {
            ((PagedStorageEngine) engine).shutDown();
        }
        return open(dir);
    }

    void haltAll() {
        for (PagedStorageEngine engine : opened) {
            try {
                engine.halt();
            } catch (RuntimeException e) {
                // already closed
            }
        }
    }
}
