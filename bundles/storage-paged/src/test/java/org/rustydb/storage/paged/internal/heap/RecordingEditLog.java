package org.rustydb.storage.paged.internal.heap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.log.PageEdit;
import org.rustydb.storage.paged.internal.log.PageEditLog;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/**
 * Test fixture: a log that stamps increasing LSNs and, like a redo log, keeps each committed
 * edit's changed byte ranges, so a test can replay them onto zeroed pages and compare.
 */
final class RecordingEditLog implements PageEditLog {
    record PageDelta(PageId page, boolean fromZeros, int[] moves, int[] ranges, byte[][] bytes) {
    }

    record Entry(long lsn, long xid, List<PageDelta> deltas) {
    }

    private long lsn;
    final List<Entry> entries = new ArrayList<>();
    int commits;

    @Override
    public PageEdit begin(long xid) {
        return new PageEdit() {
            private final Map<Page, PageWriter> writers = new LinkedHashMap<>();
            private boolean committed;

            @Override
            public PageWriter write(Page page) {
                if (committed) {
                    throw new IllegalStateException("edit already committed");
                }
                if (page instanceof MemoryPageCache.MemoryPage m && !m.isLatchedExclusivelyByMe()) {
                    throw new IllegalStateException("writing page " + page.id() + " without its exclusive latch");
                }
                return writers.computeIfAbsent(page, p -> new PageWriter(p.data()));
            }

            @Override
            public long commit() {
                if (committed) {
                    throw new IllegalStateException("edit already committed");
                }
                committed = true;
                List<PageDelta> deltas = new ArrayList<>();
                for (Map.Entry<Page, PageWriter> e : writers.entrySet()) {
                    PageWriter w = e.getValue();
                    if (w.isEmpty()) {
                        continue;
                    }
                    int[] ranges = w.ranges();
                    byte[][] bytes = new byte[ranges.length / 2][];
                    for (int i = 0; i < ranges.length; i += 2) {
                        bytes[i / 2] = new byte[ranges[i + 1] - ranges[i]];
                        w.page().get(ranges[i], bytes[i / 2]);
                    }
                    deltas.add(new PageDelta(e.getKey().id(), w.isWhole(), w.moves(), ranges, bytes));
                }
                if (deltas.isEmpty()) {
                    return 0;
                }
                synchronized (RecordingEditLog.this) {
                    long stamped = ++lsn;
                    commits++;
                    entries.add(new Entry(stamped, xid, deltas));
                    for (Map.Entry<Page, PageWriter> e : writers.entrySet()) {
                        if (!e.getValue().isEmpty()) {
                            e.getKey().markDirty(stamped);
                        }
                    }
                    return stamped;
                }
            }
        };
    }

    /** Replays every logged edit in LSN order onto zeroed pages, as redo after losing all pages would. */
    synchronized Map<PageId, ByteBuffer> replay() {
        Map<PageId, ByteBuffer> pages = new HashMap<>();
        for (Entry entry : entries) {
            for (PageDelta d : entry.deltas()) {
                ByteBuffer page = pages.computeIfAbsent(d.page(), p -> ByteBuffer.allocate(PageLayout.PAGE_SIZE));
                if (d.fromZeros()) {
                    java.util.Arrays.fill(page.array(), (byte) 0);
                }
                for (int i = 0; i < d.moves().length; i += 3) {
                    System.arraycopy(page.array(), d.moves()[i], page.array(), d.moves()[i + 1], d.moves()[i + 2]);
                }
                for (int i = 0; i < d.ranges().length; i += 2) {
                    page.put(d.ranges()[i], d.bytes()[i / 2]);
                }
                page.putLong(PageLayout.LSN_OFFSET, entry.lsn());
            }
        }
        return pages;
    }
}
