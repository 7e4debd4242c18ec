package org.rustydb.storage.memory.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;

/**
 * Durable memory engines a contract test opens on one directory, again after each crash or clean
 * shutdown it asks for, all shut down at the end of the test.
 */
final class ReopenedStores {
    private final List<MemoryStorageEngine> opened = new ArrayList<>();

    MemoryStorageEngine open(Path dir) {
        MemoryStorageEngine engine = MemoryStorageEngine.open(dir, DurabilityOptions.defaults());
        opened.add(engine);
        return engine;
    }

    /** Stops {@code engine} as a crash would or cleanly, and opens the directory again. */
    MemoryStorageEngine restart(StorageEngine engine, boolean crash, Path dir) {
        MemoryStorageEngine memory = (MemoryStorageEngine) engine;
        if (crash) {
            memory.store().orElseThrow().halt();
        } else {
            memory.shutDown();
        }
        return open(dir);
    }

    void shutDownAll() {
        for (MemoryStorageEngine engine : opened) {
            try {
                engine.shutDown();
            } catch (RuntimeException e) {
                // already closed
            }
        }
    }
}
