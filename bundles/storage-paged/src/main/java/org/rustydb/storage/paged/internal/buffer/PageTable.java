package org.rustydb.storage.paged.internal.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.rustydb.storage.paged.internal.page.PageId;

/**
 * The buffer pool's page table: page id to frame, an open-addressing hash table over primitive
 * keys (file and page number in one long), so a lookup reads two arrays instead of following a
 * map node to a key object and comparing it. Lookups take no lock; changes are made under the
 * pool's policy lock by one thread at a time.
 *
 * <p>A lookup racing with a change may miss a page that is present, or find a frame that is
 * just being given another page: the pool checks a frame's id after pinning it, and a miss looks
 * again under the lock, so neither is ever taken as an answer. Removed entries leave tombstones,
 * which a rebuild into fresh arrays clears once entries and tombstones fill half the table;
 * lookups still in the old arrays finish there.
 */
final class PageTable {
    private static final long EMPTY = 0;
    private static final long TOMBSTONE = Long.MIN_VALUE;
    private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle FRAMES = MethodHandles.arrayElementVarHandle(BufferFrame[].class);

    /** One generation of the arrays; replaced whole by a rebuild. */
    private record Slots(long[] keys, BufferFrame[] frames, int mask) {
        Slots(int size) {
            this(new long[size], new BufferFrame[size], size - 1);
        }
    }

    private volatile Slots slots;
    /** Entries and tombstones in the current arrays. Under the lock. */
    private int live;
    private int tombstones;

    /**
     * @param frames how many frames the pool has: at least four slots each, so that a rebuild comes
     *               only after as many removals as a quarter of the slots
     */
    PageTable(int frames) {
        slots = new Slots(Integer.highestOneBit(Math.max(16, frames * 8 - 1)));
    }

    /** The frame holding the page, or null. Any thread, no lock. */
    BufferFrame get(PageId id) {
        long key = key(id);
        Slots s = slots;
        for (int i = slot(key, s.mask); ; i = (i + 1) & s.mask) {
            long k = (long) KEYS.getAcquire(s.keys, i);
            if (k == key) {
                return (BufferFrame) FRAMES.getAcquire(s.frames, i);
            }
            if (k == EMPTY) {
                return null;
            }
        }
    }

    boolean containsKey(PageId id) {
        return get(id) != null;
    }

    /** Maps the page to the frame. Under the lock. */
    void put(PageId id, BufferFrame frame) {
        long key = key(id);
        Slots s = slots;
        int free = -1;
        int i = slot(key, s.mask);
        for (; ; i = (i + 1) & s.mask) {
            long k = s.keys[i];
            if (k == key) {
                FRAMES.setRelease(s.frames, i, frame);
                return;
            }
            if (k == TOMBSTONE && free < 0) {
                free = i;
            } else if (k == EMPTY) {
                break;
            }
        }
        if (free < 0) {
            free = i;
            live++;
        } else {
            tombstones--;
            live++;
        }
        // the frame first: a lookup that sees the key then sees its frame
        FRAMES.setRelease(s.frames, free, frame);
        KEYS.setRelease(s.keys, free, key);
        if ((live + tombstones) * 2 > s.keys.length) {
            rebuild();
        }
    }

    /** Unmaps the page if it maps to {@code frame}; false if it did not. Under the lock. */
    boolean remove(PageId id, BufferFrame frame) {
        long key = key(id);
        Slots s = slots;
        for (int i = slot(key, s.mask); ; i = (i + 1) & s.mask) {
            long k = s.keys[i];
            if (k == key) {
                if (s.frames[i] != frame) {
                    return false;
                }
                KEYS.setRelease(s.keys, i, TOMBSTONE);
                FRAMES.setRelease(s.frames, i, null);
                live--;
                tombstones++;
                return true;
            }
            if (k == EMPTY) {
                return false;
            }
        }
    }

    /** Copies the live entries into fresh arrays, dropping the tombstones. Under the lock. */
    private void rebuild() {
        Slots old = slots;
        int size = old.keys.length;
        if (live * 4 > size) {
            size *= 2; // more live entries than expected: grow rather than rebuild again soon
        }
        Slots fresh = new Slots(size);
        for (int i = 0; i < old.keys.length; i++) {
            long k = old.keys[i];
            if (k != EMPTY && k != TOMBSTONE) {
                int j = slot(k, fresh.mask);
                while (fresh.keys[j] != EMPTY) {
                    j = (j + 1) & fresh.mask;
                }
                fresh.keys[j] = k;
                fresh.frames[j] = old.frames[i];
            }
        }
        tombstones = 0;
        slots = fresh; // the volatile write publishes the filled arrays
    }

    /** File and page in one long, never {@link #EMPTY} nor {@link #TOMBSTONE} (page numbers are not negative). */
    static long key(PageId id) {
        return ((long) id.fileId() << 32 | id.pageNo()) + 1;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
