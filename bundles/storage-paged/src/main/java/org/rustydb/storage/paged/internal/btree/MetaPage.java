package org.rustydb.storage.paged.internal.btree;

import java.nio.ByteBuffer;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/**
 * Page 0 of a B+tree file (TYPE_BTREE_META):
 * <pre>
 * 16 int   magic "BTRE"
 * 20 int   layout version (1)
 * 24 int   root page
 * 28 int   height: levels of the tree, 1 when the root is a leaf
 * 32 byte  1 if the index is unique
 * 36 int   head of the free-page list, 0 = empty
 * 40 int   number of free pages
 * </pre>
 * Freed node pages are formatted TYPE_FREE and chained through the int at offset 16 of each, so
 * splits reuse them before the file grows. The meta page is the last B+tree latch a thread takes
 * (after all node latches); free pages are latched only while holding the meta page exclusively.
 */
final class MetaPage {
    static final int MAGIC = 0x42545245;
    static final int VERSION = 1;
    private static final int MAGIC_OFF = 16;
    private static final int VERSION_OFF = 20;
    private static final int ROOT_OFF = 24;
    private static final int HEIGHT_OFF = 28;
    private static final int UNIQUE_OFF = 32;
    private static final int FREE_HEAD_OFF = 36;
    private static final int FREE_COUNT_OFF = 40;
    /** In a free page: the next free page. */
    static final int FREE_NEXT_OFF = 16;

    private MetaPage() {
    }

    static void format(PageWriter w, int root, boolean unique) {
        w.format(PageLayout.TYPE_BTREE_META);
        w.putInt(MAGIC_OFF, MAGIC);
        w.putInt(VERSION_OFF, VERSION);
        w.putInt(ROOT_OFF, root);
        w.putInt(HEIGHT_OFF, 1);
        w.putByte(UNIQUE_OFF, (byte) (unique ? 1 : 0));
        w.putInt(FREE_HEAD_OFF, 0);
        w.putInt(FREE_COUNT_OFF, 0);
    }

    /** Verifies that a page is a meta page of a layout this code reads; XX001 otherwise. */
    static void verify(ByteBuffer b, int fileId) {
        if (PageLayout.type(b) != PageLayout.TYPE_BTREE_META || b.getInt(MAGIC_OFF) != MAGIC) {
            throw DbException.of(SqlState.DATA_CORRUPTED,
                    "invalid B+tree meta page in block 0 of relation file base/" + fileId);
        }
        if (b.getInt(VERSION_OFF) != VERSION) {
            throw DbException.of(SqlState.DATA_CORRUPTED,
                    "B+tree file base/" + fileId + " has layout version " + b.getInt(VERSION_OFF) + ", expected " + VERSION);
        }
    }

    static int root(ByteBuffer b) {
        return b.getInt(ROOT_OFF);
    }

    static int height(ByteBuffer b) {
        return b.getInt(HEIGHT_OFF);
    }

    static boolean unique(ByteBuffer b) {
        return b.get(UNIQUE_OFF) != 0;
    }

    static int freeHead(ByteBuffer b) {
        return b.getInt(FREE_HEAD_OFF);
    }

    static int freeCount(ByteBuffer b) {
        return b.getInt(FREE_COUNT_OFF);
    }

    static void setRoot(PageWriter w, int root, int height) {
        w.putInt(ROOT_OFF, root);
        w.putInt(HEIGHT_OFF, height);
    }

    static void setFreeList(PageWriter w, int head, int count) {
        w.putInt(FREE_HEAD_OFF, head);
        w.putInt(FREE_COUNT_OFF, count);
    }
}
