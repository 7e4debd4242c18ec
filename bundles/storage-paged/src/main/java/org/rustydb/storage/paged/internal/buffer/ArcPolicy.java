package org.rustydb.storage.paged.internal.buffer;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

import org.rustydb.storage.paged.internal.page.PageId;

/**
 * Adaptive Replacement Cache (Megiddo and Modha, FAST 2003) over the pool's frames. T1 holds pages
 * used once recently, T2 pages used at least twice; B1 and B2 remember the ids of pages recently
 * evicted from T1 and T2 ("ghosts"). A miss that hits a ghost tells which side was too small, and
 * the target size {@code p} of T1 moves accordingly. A long one-time scan only cycles through T1,
 * so the pages used repeatedly (T2) survive it, unlike with plain LRU.
 *
 * <p>Adapted to a buffer pool: pinned frames cannot be evicted, so the victim is the least
 * recently used unpinned clean frame of the list ARC chooses (or of the other list if that one
 * has none); dirty frames are skipped and reported so the caller can write them out. Frames are
 * linked intrusively ({@link BufferFrame#prev}/{@link BufferFrame#next}), MRU at the head.
 *
 * <p>A hit does not move the frame (which needs the lock and touches its neighbours): it sets the
 * frame's reference bit, as CAR (Bansal and Modha, FAST 2004) does with its clocks. Eviction
 * walking a list from its tail acts on the bit: a referenced frame in T2 gets a second chance at
 * T2's head, a referenced frame in T1 (used again since it came in) moves to T2's head, where ARC
 * would have moved it at the hit. Random lookups over a table about the pool's size hit all over
 * both lists; moving the frame on each was an eighth of such a lookup. A read-ahead page's first
 * use still moves it under the lock (to T1's head, as a first use).
 *
 * <p>Threading: guarded by the pool's policy lock.
 */
final class ArcPolicy {
    private final int capacity;
    /** Target size of T1. */
    private int p;
    private final FrameList t1 = new FrameList((byte) 1);
    private final FrameList t2 = new FrameList((byte) 2);
    /** Ghost ids in LRU-to-MRU insertion order. */
    private final LinkedHashSet<PageId> b1 = new LinkedHashSet<>();
    private final LinkedHashSet<PageId> b2 = new LinkedHashSet<>();

    ArcPolicy(int capacity) {
        this.capacity = capacity;
    }

    /** 0 if the page is in no ghost list, else 1 (B1) or 2 (B2). */
    int ghostOf(PageId id) {
        return b1.contains(id) ? 1 : b2.contains(id) ? 2 : 0;
    }

    /** A pin of a resident page. */
    void hit(BufferFrame f) {
        if (f.list == 0) {
            return;
        }
        listOf(f).remove(f);
        if (f.prefetched) {
            f.prefetched = false;
            t1.addFirst(f);
        } else {
            t2.addFirst(f);
        }
    }

    /**
     * A hit that needs no move, without the lock: a frame in T1 or T2 (read racily: a frame
     * changing lists at this instant loses one reference) only gets its reference bit. False for a
     * frame that {@link #hit} must handle under the lock: a read-ahead page's first use, or a
     * frame in no list.
     */
    boolean referenced(BufferFrame f) {
        if (f.list == 0 || f.prefetched) {
            return false;
        }
        if (!f.referenced) {
            f.referenced = true;
        }
        return true;
    }

    /**
     * Claims a victim for a miss on a page found in ghost list {@code ghost}: ARC's REPLACE, among
     * unpinned clean frames, falling back to the other list if the chosen one has none. Dirty
     * unpinned frames passed over are added to {@code dirty} (at most {@code maxDirty}). Returns
     * null if no frame could be claimed.
     */
    BufferFrame claimVictim(int ghost, List<BufferFrame> dirty, int maxDirty) {
        boolean fromT1 = replaceFromT1(ghost);
        BufferFrame f = claimFrom(fromT1 ? t1 : t2, dirty, maxDirty);
        return f != null ? f : claimFrom(fromT1 ? t2 : t1, dirty, maxDirty);
    }

    /**
     * Claims a victim for a read-ahead page: only from the list ARC chooses, and only a clean one.
     * No fallback, so reading ahead (of pages that may not be wanted) never evicts frequently used
     * pages just because the scan's own pages are still pinned.
     */
    BufferFrame claimVictimForReadAhead() {
        return claimFrom(replaceFromT1(0) ? t1 : t2, null, 0);
    }

    private boolean replaceFromT1(int ghost) {
        int target = adaptedP(ghost);
        return t1.size > 0 && (t1.size > target || (ghost == 2 && t1.size == target));
    }

    /** Moves a claimed victim's page from T1/T2 to the MRU end of B1/B2. */
    void evicted(BufferFrame f) {
        FrameList list = listOf(f);
        if (list == null) {
            return;
        }
        list.remove(f);
        (list == t1 ? b1 : b2).add(f.id);
    }

    /** Admits a missed page (its frame already holding the new id), found in ghost list {@code ghost}. */
    void admit(BufferFrame f, int ghost) {
        p = adaptedP(ghost);
        b1.remove(f.id); // a resident page is never a ghost too
        b2.remove(f.id);
        f.prefetched = false;
        (ghost == 0 ? t1 : t2).addFirst(f);
        trimGhosts();
    }

    /** Admits a read-ahead page where once-used pages go, without adapting to ghost hits. */
    void admitPrefetched(BufferFrame f) {
        b1.remove(f.id);
        b2.remove(f.id);
        f.prefetched = true;
        t1.addFirst(f);
        trimGhosts();
    }

    /** Detaches a frame whose page is dropped without becoming a ghost (failed read, discarded file). */
    void remove(BufferFrame f) {
        FrameList list = listOf(f);
        if (list != null) {
            list.remove(f);
        }
        f.prefetched = false;
    }

    /** Forgets the ghosts of a file (dropped: its page ids may come back as new pages). */
    void forgetFile(int fileId) {
        b1.removeIf(id -> id.fileId() == fileId);
        b2.removeIf(id -> id.fileId() == fileId);
    }

    /**
     * Pins (for the background writer) up to {@code max} dirty unpinned frames among the
     * {@code depth} least recently used of each list, alternating between T1 and T2.
     */
    void pinDirtyNearLru(List<BufferFrame> out, int max, int depth) {
        BufferFrame a = t1.tail;
        BufferFrame b = t2.tail;
        for (int i = 0; i < depth && out.size() < max && (a != null || b != null); i++) {
            if (a != null) {
                takeIfDirty(a, out);
                a = a.prev;
            }
            if (b != null && out.size() < max) {
                takeIfDirty(b, out);
                b = b.prev;
            }
        }
    }

    int p() {
        return p;
    }

    int t1Size() {
        return t1.size;
    }

    int t2Size() {
        return t2.size;
    }

    private static void takeIfDirty(BufferFrame f, List<BufferFrame> out) {
        if (f.needsWrite() && f.pinCount() == 0 && f.tryPin()) {
            out.add(f);
        }
    }

    private int adaptedP(int ghost) {
        if (ghost == 1) {
            return Math.min(capacity, p + Math.max(1, b2.size() / Math.max(1, b1.size())));
        }
        if (ghost == 2) {
            return Math.max(0, p - Math.max(1, b1.size() / Math.max(1, b2.size())));
        }
        return p;
    }

    private BufferFrame claimFrom(FrameList list, List<BufferFrame> dirty, int maxDirty) {
        // frames given a second chance come round again; hits meanwhile can re-mark a frame, so
        // the walk is bounded
        int limit = 2 * list.size;
        BufferFrame prev;
        for (BufferFrame f = list.tail; f != null && limit-- > 0; f = prev) {
            prev = f.prev;
            if (f.pinCount() != 0) {
                continue;
            }
            if (f.referenced) {
                list.remove(f);
                t2.addFirst(f); // clears the bit: from T1, used twice; from T2, a second chance
                if (prev == null && list == t2) {
                    prev = f; // it was the head: look at it again, now unreferenced
                }
                continue;
            }
            if (f.needsWrite()) {
                if (dirty != null && dirty.size() < maxDirty && !dirty.contains(f)) {
                    dirty.add(f);
                }
                continue;
            }
            if (f.tryClaim()) {
                return f;
            }
        }
        return null;
    }

    /** ARC's invariants: |T1| + |B1| <= c and |T1| + |T2| + |B1| + |B2| <= 2c. */
    private void trimGhosts() {
        while (t1.size + b1.size() > capacity && !b1.isEmpty()) {
            removeEldest(b1);
        }
        while (t1.size + t2.size + b1.size() + b2.size() > 2 * capacity) {
            removeEldest(b2.isEmpty() ? b1 : b2);
        }
    }

    private static void removeEldest(LinkedHashSet<PageId> ghosts) {
        Iterator<PageId> it = ghosts.iterator();
        it.next();
        it.remove();
    }

    private FrameList listOf(BufferFrame f) {
        return f.list == 1 ? t1 : f.list == 2 ? t2 : null;
    }

    /** A doubly linked list of frames, most recently used at the head. */
    private final class FrameList {
        private final byte tag;
        BufferFrame head;
        BufferFrame tail;
        int size;

        FrameList(byte tag) {
            this.tag = tag;
        }

        void addFirst(BufferFrame f) {
            f.referenced = false;
            f.list = tag;
            f.prev = null;
            f.next = head;
            if (head != null) {
                head.prev = f;
            } else {
                tail = f;
            }
            head = f;
            size++;
        }

        void remove(BufferFrame f) {
            if (f.prev != null) {
                f.prev.next = f.next;
            } else {
                head = f.next;
            }
            if (f.next != null) {
                f.next.prev = f.prev;
            } else {
                tail = f.prev;
            }
            f.prev = null;
            f.next = null;
            f.list = 0;
            size--;
        }
    }
}
