package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PagedOptionsTest {
    private static final long MIB = 1L << 20;

    @Test
    void theAutomaticPoolIsAQuarterOfTheHeap() {
        assertEquals(1024 * MIB, PagedOptions.autoBufferPoolBytes(4096 * MIB));
        assertEquals(1536 * MIB, PagedOptions.autoBufferPoolBytes(6144 * MIB));
    }

    @Test
    void aSmallHeapStillGetsTheUsualPoolWhileItIsAtMostHalf() {
        assertEquals(128 * MIB, PagedOptions.autoBufferPoolBytes(512 * MIB));
        assertEquals(128 * MIB, PagedOptions.autoBufferPoolBytes(256 * MIB));
        assertEquals(64 * MIB, PagedOptions.autoBufferPoolBytes(128 * MIB));
        // never below the engine's minimum of 16 pages
        assertEquals(16 * 8192, PagedOptions.autoBufferPoolBytes(MIB / 8));
    }
}
