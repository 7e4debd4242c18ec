package org.rustydb.storage.paged.internal.vacuum;

import java.util.List;

import org.rustydb.storage.paged.internal.btree.BTree;
import org.rustydb.storage.paged.internal.heap.HeapFile;

/**
 * One table as vacuum sees it, supplied by the engine: its heap, its indexes, its counters, and
 * the shared side of its DDL lock, which vacuum holds (in short stretches) while it touches the
 * table's pages, so that no DROP can begin meanwhile and delete the files under it.
 */
public interface VacuumTarget {
    /** The name for messages, e.g. {@code public.t}. */
    String name();

    HeapFile heap();

    TableActivity activity();

    /**
     * Takes the shared side of the table's DDL lock (row changes hold it too, so it never waits
     * for them). 42P01 if the table has been dropped, 55P03 if a transaction is dropping it; then
     * nothing is held.
     */
    void lockShared();

    void unlockShared();

    /** The indexes writers maintain now; called holding the shared lock. */
    List<IndexTarget> indexes();

    /** One index of the table. Implementations compare equal for the same index. */
    interface IndexTarget {
        String name();

        BTree tree();

        /**
         * True if the index stays while the shared lock is held: created by a committed transaction
         * and not being dropped. Only such an index may be walked; the file of any other may be
         * deleted when the transaction creating or dropping it ends, which takes no lock.
         */
        boolean settled();
    }
}
