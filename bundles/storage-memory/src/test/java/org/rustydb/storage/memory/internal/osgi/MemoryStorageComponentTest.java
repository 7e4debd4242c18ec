package org.rustydb.storage.memory.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.memory.internal.MemoryStorageEngine;

class MemoryStorageComponentTest {
    @TempDir
    Path dir;

    static MemoryStorageComponent.Config config(String dataDirectory, boolean fsync, long checkpointBytes) {
        return new MemoryStorageComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MemoryStorageComponent.Config.class;
            }

            @Override
            public String dataDirectory() {
                return dataDirectory;
            }

            @Override
            public boolean fsync() {
                return fsync;
            }

            @Override
            public long checkpointBytes() {
                return checkpointBytes;
            }
        };
    }

    @Test
    void withoutADataDirectoryTheEngineIsPurelyInMemory() {
        MemoryStorageEngine engine = MemoryStorageComponent.createEngine(config(" ", true, 1));
        assertTrue(engine.store().isEmpty());
        engine.shutDown();
    }

    @Test
    void aDataDirectoryMakesItDurableAndIsCreatedAndLocked() {
        Path data = dir.resolve("data/memory-store");
        MemoryStorageEngine engine = MemoryStorageComponent.createEngine(config(data.toString(), false, 1 << 20));
        try {
            assertEquals(data, engine.store().orElseThrow().directory());
            assertTrue(Files.isDirectory(data.resolve("wal")));
            DbException e = assertThrows(DbException.class,
                    () -> MemoryStorageComponent.createEngine(config(data.toString(), true, 1 << 20)));
            assertEquals(SqlState.LOCK_NOT_AVAILABLE, e.sqlState());
        } finally {
            engine.shutDown();
        }
    }
}
