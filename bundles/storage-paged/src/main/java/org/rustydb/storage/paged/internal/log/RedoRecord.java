package org.rustydb.storage.paged.internal.log;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.CorruptDataException;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/**
 * The one kind of log record the paged engine writes: the bytes one {@link PageEdit} changed,
 * page by page, either as byte ranges (a delta) or as the whole page (a full-page image, written
 * on a page's first change after a checkpoint so that a page torn by a crash mid-write is
 * rebuilt whole). Commits are edits too (of the transaction-status page), so redo needs no other
 * record type.
 *
 * <pre>
 * byte    kind (1 = page edit)
 * varlong xid (0 = no transaction)
 * varlong page count, then per page:
 *   varlong fileId, varlong pageNo, byte mode (0 = ranges, 1 = full image, 2 = zeros then ranges,
 *                                              3 = moves then ranges)
 *   moves (mode 3):         varlong count, then per move varlong from, varlong to, varlong length
 *   ranges (modes 0, 2, 3): varlong count, then per range varlong start, varlong length, bytes
 *   image:  8192 bytes
 * </pre>
 */
public record RedoRecord(long xid, List<PageChange> pages) {
    static final int KIND_PAGE_EDIT = 1;
    private static final int[] NO_MOVES = new int[0];

    /**
     * The change of one page: a full image; or {@code ranges} as [start, end) pairs with their
     * bytes, applied to the page as it is, or to a zeroed page when it was formatted ({@code
     * fromZeros}); before the ranges, {@code moves} ([from, to, length] triples, copies within the
     * page) are replayed in order.
     */
    public record PageChange(PageId page, boolean fullImage, boolean fromZeros, int[] moves, int[] ranges,
                             byte[] bytes) {
        /** True if the change defines every byte of the page, so it also repairs a torn one. */
        public boolean definesWholePage() {
            return fullImage || fromZeros;
        }

        /** Applies the change to a page buffer (the LSN is set by the caller). */
        public void applyTo(ByteBuffer target) {
            if (fullImage) {
                target.put(0, bytes, 0, PageLayout.PAGE_SIZE);
                return;
            }
            if (fromZeros) {
                for (int i = 0; i < PageLayout.PAGE_SIZE; i += 8) {
                    target.putLong(i, 0L);
                }
            }
            for (int i = 0; i < moves.length; i += 3) {
                PageWriter.copyWithin(target, moves[i], moves[i + 1], moves[i + 2]);
            }
            int at = 0;
            for (int i = 0; i < ranges.length; i += 2) {
                int length = ranges[i + 1] - ranges[i];
                target.put(ranges[i], bytes, at, length);
                at += length;
            }
        }
    }

    static void writeHeader(ByteWriter out, long xid, int pageCount) {
        out.writeByte(KIND_PAGE_EDIT);
        out.writeVarLong(xid);
        out.writeVarLong(pageCount);
    }

    static void writeImage(ByteWriter out, PageId id, ByteBuffer page) {
        writePageId(out, id, 1);
        out.writeBytes(page, 0, PageLayout.PAGE_SIZE);
    }

    static void writeRanges(ByteWriter out, PageId id, ByteBuffer page, int[] ranges) {
        writeRanges(out, id, page, ranges, false);
    }

    /** With {@code fromZeros}: the page was formatted, redo starts from zeros (mode 2). */
    static void writeRanges(ByteWriter out, PageId id, ByteBuffer page, int[] ranges, boolean fromZeros) {
        writePageId(out, id, fromZeros ? 2 : 0);
        writeRangeList(out, page, ranges);
    }

    /** Moves to replay in order, then ranges (mode 3). */
    static void writeMovesAndRanges(ByteWriter out, PageId id, ByteBuffer page, int[] moves, int[] ranges) {
        writePageId(out, id, 3);
        out.writeVarLong(moves.length / 3);
        for (int m : moves) {
            out.writeVarLong(m);
        }
        writeRangeList(out, page, ranges);
    }

    private static void writeRangeList(ByteWriter out, ByteBuffer page, int[] ranges) {
        out.writeVarLong(ranges.length / 2);
        for (int i = 0; i < ranges.length; i += 2) {
            int start = ranges[i];
            int length = ranges[i + 1] - start;
            out.writeVarLong(start);
            out.writeVarLong(length);
            out.writeBytes(page, start, length);
        }
    }

    private static void writePageId(ByteWriter out, PageId id, int mode) {
        out.writeVarLong(id.fileId());
        out.writeVarLong(id.pageNo());
        out.writeByte(mode);
    }

    /** Decodes a record; a malformed one is {@link CorruptDataException} (its CRC passed, so this is a bug or tampering). */
    public static RedoRecord decode(byte[] payload) {
        ByteReader in = new ByteReader(payload);
        int kind = in.readByte();
        if (kind != KIND_PAGE_EDIT) {
            throw new CorruptDataException("unknown redo record kind " + kind);
        }
        long xid = in.readVarLong();
        int count = checkedInt(in.readVarLong(), 1 << 20);
        List<PageChange> pages = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            PageId id = new PageId(checkedInt(in.readVarLong(), Integer.MAX_VALUE),
                    checkedInt(in.readVarLong(), Integer.MAX_VALUE));
            int mode = in.readByte();
            if (mode == 1) {
                byte[] image = new byte[PageLayout.PAGE_SIZE];
                in.readBytes(image, 0, image.length);
                pages.add(new PageChange(id, true, false, null, null, image));
            } else if (mode == 0 || mode == 2 || mode == 3) {
                int[] moves = NO_MOVES;
                if (mode == 3) {
                    moves = new int[3 * checkedInt(in.readVarLong(), PageLayout.PAGE_SIZE)];
                    for (int m = 0; m < moves.length; m += 3) {
                        moves[m] = checkedInt(in.readVarLong(), PageLayout.PAGE_SIZE);
                        moves[m + 1] = checkedInt(in.readVarLong(), PageLayout.PAGE_SIZE);
                        moves[m + 2] = checkedInt(in.readVarLong(), PageLayout.PAGE_SIZE
                                - Math.max(moves[m], moves[m + 1]));
                    }
                }
                int rangeCount = checkedInt(in.readVarLong(), PageLayout.PAGE_SIZE);
                int[] ranges = new int[2 * rangeCount];
                ByteWriter bytes = new ByteWriter(64);
                byte[] chunk = new byte[PageLayout.PAGE_SIZE];
                for (int r = 0; r < rangeCount; r++) {
                    int start = checkedInt(in.readVarLong(), PageLayout.PAGE_SIZE);
                    int length = checkedInt(in.readVarLong(), PageLayout.PAGE_SIZE - start);
                    in.readBytes(chunk, 0, length);
                    bytes.writeBytes(chunk, 0, length);
                    ranges[2 * r] = start;
                    ranges[2 * r + 1] = start + length;
                }
                pages.add(new PageChange(id, false, mode == 2, moves, ranges, bytes.toByteArray()));
            } else {
                throw new CorruptDataException("unknown page change mode " + mode);
            }
        }
        return new RedoRecord(xid, pages);
    }

    private static int checkedInt(long value, int max) {
        if (value < 0 || value > max) {
            throw new CorruptDataException("value " + value + " out of range in redo record");
        }
        return (int) value;
    }
}
