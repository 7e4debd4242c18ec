package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Queries' temporary files live in the data directory's pgsql_tmp, and a restart deletes what a crash left there. */
class TemporaryDirectoryTest extends OpenEngine {

    @Test
    void leftoversAreDeletedWhenTheEngineOpens() throws Exception {
        Path tmp = engine.temporaryDirectory().orElseThrow();
        assertEquals(dir.resolve("pgsql_tmp"), tmp);
        Files.createDirectories(tmp);
        Path leftover = Files.writeString(tmp.resolve("pgsql_tmp123.4"), "rows of a query that never closed");
        engine.halt();
        engine = PagedStorageEngine.open(dir, options());
        assertFalse(Files.exists(leftover));
        assertTrue(Files.isDirectory(tmp));
    }
}
