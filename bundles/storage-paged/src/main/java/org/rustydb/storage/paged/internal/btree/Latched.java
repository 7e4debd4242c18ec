package org.rustydb.storage.paged.internal.btree;

import java.nio.ByteBuffer;

import org.rustydb.storage.paged.internal.buffer.Page;

/** A pinned page with a latch held in one mode; {@link #release} unlatches and unpins once. */
final class Latched {
    final Page page;
    final boolean exclusive;
    private boolean released;

    Latched(Page page, boolean exclusive) {
        this.page = page;
        this.exclusive = exclusive;
    }

    int pageNo() {
        return page.id().pageNo();
    }

    ByteBuffer data() {
        return page.data();
    }

    void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            if (exclusive) {
                page.unlatchExclusive();
            } else {
                page.unlatchShared();
            }
        } finally {
            page.close();
        }
    }
}
