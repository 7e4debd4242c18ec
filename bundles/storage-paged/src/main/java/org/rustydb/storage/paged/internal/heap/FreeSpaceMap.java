package org.rustydb.storage.paged.internal.heap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.zip.CRC32C;

import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * Which pages of a heap file have room, so inserts reuse freed space instead of extending the
 * file. One byte per page, the category: free bytes / 32, 255 ({@link #EMPTY}) for a page that
 * is entirely free (a {@code TYPE_FREE} page: never used, or a freed overflow page), which
 * overflow chains can take.
 *
 * <p>It is a hint, kept in memory and saved to a side file only on request: it is not logged, so
 * after a crash it may be stale; a stale value costs one wasted try, because every user re-checks
 * the page under its latch and corrects the map. Pages never seen are "unknown" (never
 * suggested) until the heap file inspects them ({@link HeapFile} does so lazily, a few at a
 * time). A second bit per page marks pages where rows were deleted: pruning them may free space.
 *
 * <p>A max-tree over the categories finds a page with room in O(log pages). Threading: all
 * methods are synchronized; each holds the lock for microseconds.
 */
public final class FreeSpaceMap {
    /** The category of an entirely free page. */
    public static final int EMPTY = 255;
    private static final int MAGIC = 0x5246534D; // "RFSM"
    private static final int VERSION = 1;

    private int size;
    /** Leaves; a power of two. */
    private int capacity = 16;
    /** Max-tree, 1-based: node i has children 2i and 2i+1; leaf of page p at capacity + p. */
    private byte[] tree = new byte[2 * capacity];
    private final BitSet known = new BitSet();
    /** The set bits of {@link #known}: asked for at each insert that found no room, too often to count them. */
    private int knownCount;
    private final BitSet prunable = new BitSet();

    /** A map of {@code pages} pages, all unknown. */
    public FreeSpaceMap(int pages) {
        grow(pages);
    }

    /** The category of a page with {@code freeBytes} free (never {@link #EMPTY}). */
    public static int category(int freeBytes) {
        return Math.min(EMPTY - 1, Math.max(0, freeBytes) / 32);
    }

    /** The category a page needs to hold {@code bytes} for sure: the free bytes round up. */
    public static int needed(int bytes) {
        return (bytes + 31) / 32;
    }

    /** The category of a page's current content (the caller holds a latch on it). */
    public static int categoryOf(ByteBuffer page) {
        byte type = PageLayout.type(page);
        if (type == PageLayout.TYPE_FREE) {
            return EMPTY;
        }
        return type == PageLayout.TYPE_HEAP && HeapPage.isValid(page) ? category(HeapPage.freeSpace(page)) : 0;
    }

    public synchronized int size() {
        return size;
    }

    /** Records a page's category; pages between the old size and it become unknown. */
    public synchronized void set(int pageNo, int category) {
        if (pageNo < 0 || category < 0 || category > EMPTY) {
            throw new IllegalArgumentException("page " + pageNo + " category " + category);
        }
        grow(pageNo + 1);
        markKnown(pageNo);
        update(pageNo, category);
    }

    /** The recorded category, or -1 if the page is unknown. */
    public synchronized int get(int pageNo) {
        return pageNo >= 0 && known.get(pageNo) ? tree[capacity + pageNo] & 0xFF : -1;
    }

    public synchronized int unknownCount() {
        return size - knownCount;
    }

    private void markKnown(int pageNo) {
        if (!known.get(pageNo)) {
            known.set(pageNo);
            knownCount++;
        }
    }

    /** The first unknown page at or after {@code from} (wrapping around), or -1. */
    public synchronized int nextUnknown(int from) {
        int p = known.nextClearBit(Math.max(0, from));
        if (p >= size) {
            p = known.nextClearBit(0);
        }
        return p < size ? p : -1;
    }

    /**
     * A page of category at least {@code minCategory}, searching from {@code start} and wrapping
     * around (different starts spread concurrent inserters over different pages); -1 if none.
     */
    public synchronized int find(int minCategory, int start) {
        minCategory = Math.max(1, minCategory); // unknown pages are 0 in the tree: never found
        start = start < 0 || start >= size ? 0 : start;
        int p = findFrom(1, 0, capacity, start, minCategory);
        if (p < 0 && start > 0) {
            p = findFrom(1, 0, capacity, 0, minCategory);
        }
        return p;
    }

    /** Like {@link #find} from the start, and records the page found as full so no one else takes it. */
    public synchronized int claim(int minCategory) {
        int p = find(minCategory, 0);
        if (p >= 0) {
            update(p, 0);
        }
        return p;
    }

    public synchronized void markPrunable(int pageNo) {
        grow(pageNo + 1);
        prunable.set(pageNo);
    }

    public synchronized void clearPrunable(int pageNo) {
        prunable.clear(pageNo);
    }

    public synchronized boolean isPrunable(int pageNo) {
        return prunable.get(pageNo);
    }

    /** The first page marked prunable at or after {@code from} (wrapping around), or -1. */
    public synchronized int nextPrunable(int from) {
        int p = prunable.nextSetBit(Math.max(0, from));
        return p >= 0 ? p : prunable.nextSetBit(0);
    }

    private int findFrom(int node, int lo, int hi, int start, int min) {
        if (hi <= start || (tree[node] & 0xFF) < min) {
            return -1;
        }
        if (hi - lo == 1) {
            return lo < size ? lo : -1;
        }
        int mid = (lo + hi) >>> 1;
        int p = findFrom(2 * node, lo, mid, start, min);
        return p >= 0 ? p : findFrom(2 * node + 1, mid, hi, start, min);
    }

    private void update(int pageNo, int category) {
        int i = capacity + pageNo;
        tree[i] = (byte) category;
        for (i >>>= 1; i >= 1; i >>>= 1) {
            int max = Math.max(tree[2 * i] & 0xFF, tree[2 * i + 1] & 0xFF);
            if ((tree[i] & 0xFF) == max) {
                break;
            }
            tree[i] = (byte) max;
        }
    }

    private void grow(int pages) {
        if (pages <= size) {
            return;
        }
        if (pages > capacity) {
            int newCapacity = capacity;
            while (newCapacity < pages) {
                newCapacity *= 2;
            }
            byte[] newTree = new byte[2 * newCapacity];
            System.arraycopy(tree, capacity, newTree, newCapacity, size);
            for (int i = newCapacity - 1; i >= 1; i--) {
                newTree[i] = (byte) Math.max(newTree[2 * i] & 0xFF, newTree[2 * i + 1] & 0xFF);
            }
            tree = newTree;
            capacity = newCapacity;
        }
        size = pages;
    }

    /**
     * Writes the map to {@code file} (through a temporary file and a rename, so a crash leaves the
     * old or the new map): magic, version, page count, categories, known and prunable bitmaps,
     * CRC32C of all that.
     */
    public void save(Path file) {
        byte[] body;
        synchronized (this) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(size * 2 + 64);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(size);
                out.write(tree, capacity, size);
                writeBits(out, known);
                writeBits(out, prunable);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            body = bytes.toByteArray();
        }
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer all = ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, all.array());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the free-space map " + file, e);
        }
    }

    /**
     * Fills in the pages still unknown (below the current size) from a map saved by {@link #save};
     * what is already known in memory wins. Returns false, changing nothing, if the file is
     * missing or damaged: the map is only a hint, the heap file rebuilds it lazily.
     */
    public boolean load(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free-space map " + file, e);
        }
        if (all.length < 16) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(all).getInt(all.length - 4)) {
            return false;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 4))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                return false;
            }
            int pages = in.readInt();
            if (pages < 0 || pages > all.length) {
                return false;
            }
            byte[] categories = in.readNBytes(pages);
            BitSet savedKnown = readBits(in);
            BitSet savedPrunable = readBits(in);
            synchronized (this) {
                for (int p = savedKnown.nextSetBit(0); p >= 0 && p < Math.min(pages, size); p = savedKnown.nextSetBit(p + 1)) {
                    if (!known.get(p)) {
                        markKnown(p);
                        update(p, categories[p] & 0xFF);
                        if (savedPrunable.get(p)) {
                            prunable.set(p);
                        }
                    }
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void writeBits(DataOutputStream out, BitSet bits) throws IOException {
        byte[] b = bits.toByteArray();
        out.writeInt(b.length);
        out.write(b);
    }

    private static BitSet readBits(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad bitmap length " + n);
        }
        return BitSet.valueOf(in.readNBytes(n));
    }

    @Override
    public synchronized String toString() {
        return "FreeSpaceMap[" + size + " pages, " + (size - knownCount) + " unknown, "
                + prunable.cardinality() + " prunable]";
    }
}
