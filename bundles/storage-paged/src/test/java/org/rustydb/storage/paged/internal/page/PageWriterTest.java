package org.rustydb.storage.paged.internal.page;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PageWriterTest {
    /** What redo does with a delta: the moves in order on the page as it was, then the ranges' final bytes. */
    private static byte[] replay(byte[] before, PageWriter w) {
        byte[] page = before.clone();
        int[] moves = w.moves();
        for (int i = 0; i < moves.length; i += 3) {
            System.arraycopy(page, moves[i], page, moves[i + 1], moves[i + 2]);
        }
        int[] ranges = w.ranges();
        for (int i = 0; i < ranges.length; i += 2) {
            System.arraycopy(w.page().array(), ranges[i], page, ranges[i], ranges[i + 1] - ranges[i]);
        }
        return page;
    }

    private static byte[] randomPage(long seed) {
        byte[] bytes = new byte[PageLayout.PAGE_SIZE];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aMoveOfUnwrittenBytesIsLoggedAsAMoveNotAsTheBytesMoved() {
        byte[] before = randomPage(1);
        PageWriter w = new PageWriter(ByteBuffer.wrap(before.clone()));
        w.move(1000, 3000, 4000);
        w.putShort(100, (short) 7);
        assertArrayEquals(new int[] {1000, 3000, 4000}, w.moves());
        assertArrayEquals(new int[] {100, 102}, w.ranges(), "only the written bytes are logged as bytes");
        assertArrayEquals(w.page().array(), replay(before, w));
    }

    @Test
    void aMoveOfBytesWrittenInTheSameEditIsLoggedAsBytes() {
        byte[] before = randomPage(2);
        PageWriter w = new PageWriter(ByteBuffer.wrap(before.clone()));
        w.putInt(2000, 42);
        w.move(1990, 5000, 100);
        assertEquals(0, w.moves().length);
        assertArrayEquals(w.page().array(), replay(before, w));
    }

    @Test
    void randomMixesOfWritesAndMovesReplayToTheSamePage() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 2000; round++) {
            byte[] before = randomPage(round);
            PageWriter w = new PageWriter(ByteBuffer.wrap(before.clone()));
            int ops = 1 + random.nextInt(12);
            for (int i = 0; i < ops; i++) {
                int length = 1 + random.nextInt(600);
                int from = PageLayout.HEADER_SIZE + random.nextInt(PageLayout.PAGE_SIZE - PageLayout.HEADER_SIZE - length);
                if (random.nextInt(3) == 0) {
                    byte[] data = new byte[length];
                    random.nextBytes(data);
                    w.putBytes(from, data);
                } else {
                    int to = PageLayout.HEADER_SIZE + random.nextInt(PageLayout.PAGE_SIZE - PageLayout.HEADER_SIZE - length);
                    w.move(from, to, length);
                }
            }
            assertArrayEquals(w.page().array(), replay(before, w), "round " + round);
        }
    }

    @Test
    void aFormattedPageLogsEverythingAsBytesFromZeros() {
        PageWriter w = new PageWriter(ByteBuffer.wrap(randomPage(4)));
        w.move(1000, 2000, 100);
        w.format(PageLayout.TYPE_HEAP);
        w.putInt(4000, 9);
        w.move(4000, 6000, 4);
        assertTrue(w.isWhole());
        assertEquals(0, w.moves().length);
    }
}
