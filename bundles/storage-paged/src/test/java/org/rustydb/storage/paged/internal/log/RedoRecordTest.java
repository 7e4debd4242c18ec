package org.rustydb.storage.paged.internal.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.CorruptDataException;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

class RedoRecordTest {
    @Test
    void rangesMovesAndImagesReplayToTheSameBytes() {
        Random random = new Random(7);
        ByteBuffer live = ByteBuffer.allocate(PageLayout.PAGE_SIZE);
        ByteBuffer second = ByteBuffer.allocate(PageLayout.PAGE_SIZE);
        ByteBuffer replayed = ByteBuffer.allocate(PageLayout.PAGE_SIZE);
        ByteBuffer replayedSecond = ByteBuffer.allocate(PageLayout.PAGE_SIZE);
        for (int round = 0; round < 200; round++) {
            PageWriter writer = new PageWriter(live);
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                int at = PageLayout.TYPE_OFFSET + random.nextInt(PageLayout.PAGE_SIZE - 200);
                byte[] bytes = new byte[1 + random.nextInt(100)];
                random.nextBytes(bytes);
                writer.putBytes(at, bytes);
            }
            if (random.nextInt(10) == 0) {
                writer.move(100, 3000, 500);
            }
            PageWriter other = new PageWriter(second);
            other.format(PageLayout.TYPE_HEAP);
            other.putInt(4000, round);

            ByteWriter out = new ByteWriter(64);
            RedoRecord.writeHeader(out, round, 2);
            if (writer.moves().length == 0) {
                RedoRecord.writeRanges(out, new PageId(20, 3), live, writer.ranges());
            } else {
                RedoRecord.writeMovesAndRanges(out, new PageId(20, 3), live, writer.moves(), writer.ranges());
            }
            if (round % 2 == 0) {
                RedoRecord.writeImage(out, new PageId(21, 0), second);
            } else {
                // a formatted page: zeros plus its ranges, replayed over whatever the page held
                RedoRecord.writeRanges(out, new PageId(21, 0), second, other.ranges(), true);
                java.util.Arrays.fill(replayedSecond.array(), (byte) 0x55);
            }
            RedoRecord record = RedoRecord.decode(out.toByteArray());

            assertEquals(round, record.xid());
            assertEquals(new PageId(20, 3), record.pages().get(0).page());
            record.pages().get(0).applyTo(replayed);
            record.pages().get(1).applyTo(replayedSecond);
            assertArrayEquals(live.array(), replayed.array(), "round " + round);
            assertArrayEquals(second.array(), replayedSecond.array());
            assertEquals(true, record.pages().get(1).definesWholePage());
        }
    }

    @Test
    void writerRefusesToTouchTheLsnAndChecksum() {
        PageWriter writer = new PageWriter(ByteBuffer.allocate(PageLayout.PAGE_SIZE));
        assertThrows(IllegalArgumentException.class, () -> writer.putLong(PageLayout.LSN_OFFSET, 5));
        assertThrows(IllegalArgumentException.class, () -> writer.putInt(PageLayout.CHECKSUM_OFFSET, 5));
    }

    @Test
    void garbageIsCorruptDataNotAnArbitraryException() {
        assertThrows(CorruptDataException.class, () -> RedoRecord.decode(new byte[] {9}));
        assertThrows(CorruptDataException.class, () -> RedoRecord.decode(new byte[] {1, 0, 1, 5, 5, 7}));
        assertThrows(CorruptDataException.class, () -> RedoRecord.decode(new byte[] {1, 0, 1, 5, 5, 0, 1, 100}));
    }
}
