package org.rustydb.storage.paged.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreeSpaceMapTest {
    @TempDir
    Path dir;

    @Test
    void findsFromAStartAndWrapsAround() {
        FreeSpaceMap fsm = new FreeSpaceMap(0);
        for (int p = 0; p < 100; p++) {
            fsm.set(p, p % 10 == 3 ? 50 : 1);
        }
        assertEquals(3, fsm.find(40, 0));
        assertEquals(53, fsm.find(40, 50));
        assertEquals(53, fsm.find(40, 53));
        assertEquals(3, fsm.find(40, 94), "wraps around");
        assertEquals(-1, fsm.find(51, 0));
        assertEquals(0, fsm.find(1, 0));
        fsm.set(3, 0);
        assertEquals(13, fsm.find(40, 0));
        assertEquals(13, fsm.claim(40));
        assertEquals(0, fsm.get(13));
        assertEquals(23, fsm.claim(40));
    }

    @Test
    void unknownPagesAreNeverSuggested() {
        FreeSpaceMap fsm = new FreeSpaceMap(40);
        assertEquals(40, fsm.unknownCount());
        assertEquals(-1, fsm.find(1, 0));
        assertEquals(-1, fsm.get(5));
        fsm.set(5, 0);
        fsm.set(7, FreeSpaceMap.EMPTY);
        assertEquals(38, fsm.unknownCount());
        assertEquals(6, fsm.nextUnknown(5));
        assertEquals(0, fsm.nextUnknown(50));
        assertEquals(7, fsm.find(FreeSpaceMap.EMPTY, 0));
        fsm.set(1000, 3); // grows: the gap is unknown
        assertEquals(1001, fsm.size());
        assertEquals(1001 - 3, fsm.unknownCount());
        assertEquals(1000, fsm.find(3, 8));
        assertEquals(7, fsm.find(3, 0));
    }

    @Test
    void categories() {
        assertEquals(0, FreeSpaceMap.category(31));
        assertEquals(1, FreeSpaceMap.category(32));
        assertEquals(254, FreeSpaceMap.category(8156));
        assertEquals(1, FreeSpaceMap.needed(32));
        assertEquals(2, FreeSpaceMap.needed(33));
        // a page of category needed(n) always has n bytes
        for (int n = 1; n < 3000; n++) {
            assertTrue(FreeSpaceMap.needed(n) * 32 >= n);
        }
    }

    @Test
    void saveAndLoad() throws Exception {
        FreeSpaceMap fsm = new FreeSpaceMap(0);
        for (int p = 0; p < 300; p++) {
            if (p != 17) {
                fsm.set(p, p % 256);
            }
        }
        fsm.markPrunable(42);
        Path file = dir.resolve("1234.fsm");
        fsm.save(file);

        FreeSpaceMap loaded = new FreeSpaceMap(250);
        loaded.set(3, 200); // known in memory: wins over the file
        assertTrue(loaded.load(file));
        assertEquals(200, loaded.get(3));
        assertEquals(-1, loaded.get(17), "unknown when saved stays unknown");
        assertEquals(100, loaded.get(100));
        assertEquals(1, loaded.unknownCount());
        assertEquals(250, loaded.size(), "pages past the file's size are ignored");
        assertTrue(loaded.isPrunable(42));
        assertFalse(loaded.isPrunable(43));

        assertFalse(new FreeSpaceMap(10).load(dir.resolve("missing.fsm")));
        byte[] bytes = Files.readAllBytes(file);
        bytes[20] ^= 1;
        Files.write(file, bytes);
        FreeSpaceMap damaged = new FreeSpaceMap(250);
        assertFalse(damaged.load(file));
        assertEquals(250, damaged.unknownCount());
    }
}
