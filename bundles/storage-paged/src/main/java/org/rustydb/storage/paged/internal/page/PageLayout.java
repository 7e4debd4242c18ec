package org.rustydb.storage.paged.internal.page;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The header every page starts with, whatever its type. 8 KiB pages: twice PostgreSQL's row
 * capacity per I/O of 4 KiB pages for the same per-page header and checksum cost, fewer B+tree
 * levels, and the common SSD and file-system block multiple.
 *
 * <pre>
 *  0  long  page LSN: end of the last log record that changed the page (log before data)
 *  8  int   CRC32C of the whole page computed with this field as zero; set when written out
 * 12  byte  page type (TYPE_*)
 * 13  byte  flags, type-specific
 * 14  short reserved, zero
 * 16        type-specific content
 * </pre>
 *
 * A page of all zeros is a valid never-written page (a file extended just before a crash).
 */
public final class PageLayout {
    public static final int PAGE_SIZE = 8192;
    public static final int LSN_OFFSET = 0;
    public static final int CHECKSUM_OFFSET = 8;
    public static final int TYPE_OFFSET = 12;
    public static final int FLAGS_OFFSET = 13;
    public static final int HEADER_SIZE = 16;

    public static final byte TYPE_FREE = 0;
    public static final byte TYPE_HEAP = 1;
    public static final byte TYPE_BTREE_LEAF = 2;
    public static final byte TYPE_BTREE_INNER = 3;
    public static final byte TYPE_BTREE_META = 4;
    public static final byte TYPE_OVERFLOW = 5;
    public static final byte TYPE_XACT_STATUS = 6;
    public static final byte TYPE_SEQUENCE = 7;

    private PageLayout() {
    }

    public static long lsn(ByteBuffer page) {
        return page.getLong(LSN_OFFSET);
    }

    public static byte type(ByteBuffer page) {
        return page.get(TYPE_OFFSET);
    }

    /** Computes the checksum of a page as it is to be written, and stores it in the header. */
    public static void stampChecksum(ByteBuffer page) {
        page.putInt(CHECKSUM_OFFSET, checksum(page));
    }

    /** True if the stored checksum matches, or the page is all zeros (never written). */
    public static boolean verifyChecksum(ByteBuffer page) {
        int stored = page.getInt(CHECKSUM_OFFSET);
        if (stored == 0 && isAllZero(page)) {
            return true;
        }
        return stored == checksum(page);
    }

    static int checksum(ByteBuffer page) {
        CRC32C crc = new CRC32C();
        ByteBuffer view = page.duplicate().clear();
        view.limit(CHECKSUM_OFFSET);
        crc.update(view);
        crc.update(new byte[4]);
        view.limit(PAGE_SIZE).position(CHECKSUM_OFFSET + 4);
        crc.update(view);
        int value = (int) crc.getValue();
        // zero is kept for "never written", so a real page never stores it
        return value == 0 ? 1 : value;
    }

    private static boolean isAllZero(ByteBuffer page) {
        for (int i = 0; i < PAGE_SIZE; i += 8) {
            if (page.getLong(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
