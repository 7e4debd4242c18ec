package org.rustydb.storage.paged.internal.btree;

import java.nio.ByteBuffer;
import java.util.function.LongPredicate;

import org.rustydb.storage.paged.internal.log.PageEdit;

/**
 * Vacuum's index pass over one {@link BTree}: removes every entry whose value (a row id) the
 * predicate picks, walking the leaves left to right a few at a time, so the caller can let others
 * in between steps. Each leaf is latched exclusively on its own (found by a descent to the previous
 * leaf's high key, never by a sibling link kept across steps), cleaned in one page edit, and
 * released before an under-full leaf is merged with a neighbour, as a delete would.
 *
 * <p>Concurrent inserts, deletes, splits and merges are fine: an entry present throughout the pass
 * is seen at least once (a leaf merged with the next one after it was cleaned is simply cleaned
 * again). Entries added meanwhile may or may not be seen; vacuum only removes entries of row
 * versions that can get no new ones. Not thread-safe itself.
 */
public final class BulkDelete {
    private final BTree tree;
    private final LongPredicate doomed;
    /** Where the next step starts: the high key of the last leaf cleaned; null before the first. */
    private Node.Cell next;
    private boolean started;
    private boolean done;
    private long removed;
    private long leaves;

    BulkDelete(BTree tree, LongPredicate doomed) {
        this.tree = tree;
        this.doomed = doomed;
    }

    /** Cleans up to {@code maxLeaves} more leaves; false once every leaf has been cleaned. */
    public boolean step(int maxLeaves) {
        for (int i = 0; i < maxLeaves && !done; i++) {
            cleanOneLeaf();
        }
        return !done;
    }

    /** Entries removed so far. */
    public long removed() {
        return removed;
    }

    /** Leaves visited so far. */
    public long leaves() {
        return leaves;
    }

    private void cleanOneLeaf() {
        BTree.Path p = started
                ? tree.descend(next.key(), next.value(), BTree.LE, 0, 0, false)
                : tree.descend(null, 0, BTree.LEFTMOST, 0, 0, false);
        started = true;
        byte[] underflowKey = null;
        long underflowValue = 0;
        try {
            ByteBuffer b = p.node.data();
            int n = Node.count(b);
            int[] victims = new int[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (doomed.test(Node.value(b, i))) {
                    victims[k++] = i;
                }
            }
            if (k > 0) {
                Node.Cell last = Node.cell(b, victims[k - 1]);
                PageEdit edit = tree.log.begin(0);
                // from the highest slot down, so the lower slot numbers stay valid
                for (int i = k - 1; i >= 0; i--) {
                    Node.remove(edit.write(p.node.page), victims[i]);
                }
                edit.commit();
                removed += k;
                if (!Node.isRoot(b) && tree.underflows(b)) {
                    underflowKey = last.key();
                    underflowValue = last.value();
                }
            }
            leaves++;
            next = Node.highKey(b);
            done = next == null;
        } finally {
            p.release();
        }
        if (underflowKey != null) {
            // routes to wherever that key now belongs: the same leaf, or what it was merged into
            tree.rebalance(underflowKey, underflowValue);
        }
    }
}
