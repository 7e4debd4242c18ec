package org.rustydb.storage.paged.internal.heap;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A cursor over the rows of a {@link HeapFile} in row-id order. It copies one page's tuples under
 * the page's shared latch, releases it, and hands them out one by one, so it never holds a latch
 * or a pin between calls and cannot block writers for long. Overflow payloads are read when their
 * row is reached.
 *
 * <p>The pages scanned are those that existed when the scan started (like PostgreSQL): rows added
 * later to new pages are not seen, rows added to earlier pages may be. Every row present during
 * the whole scan is returned exactly once; visibility is the caller's business. Not thread-safe.
 */
final class HeapScan implements HeapFile.Scan {
    private final HeapFile file;
    private int endPage;
    private int nextPage;
    private final List<StoredTuple> buffered = new ArrayList<>();
    private int position;
    private StoredTuple current;

    HeapScan(HeapFile file, int endPage) {
        this.file = file;
        this.endPage = endPage;
    }

    @Override
    public boolean next() {
        current = null;
        while (true) {
            if (position < buffered.size()) {
                StoredTuple t = buffered.get(position);
                buffered.set(position++, null);
                if (t.payload() == null) {
                    t = file.finish(t); // an overflow row: read its chain now
                }
                if (t != null) {
                    current = t;
                    return true;
                }
                continue;
            }
            if (nextPage >= endPage) {
                return false;
            }
            buffered.clear();
            position = 0;
            file.copyPage(nextPage++, buffered);
        }
    }

    @Override
    public StoredTuple tuple() {
        if (current == null) {
            throw new NoSuchElementException("no current row");
        }
        return current;
    }

    @Override
    public void close() {
        buffered.clear();
        position = 0;
        endPage = 0;
        current = null;
    }
}
