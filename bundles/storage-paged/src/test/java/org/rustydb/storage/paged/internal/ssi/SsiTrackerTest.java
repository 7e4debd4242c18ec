package org.rustydb.storage.paged.internal.ssi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

class SsiTrackerTest {
    private final SsiTracker tracker = new SsiTracker();
    /** Writers whose changes "the reader's snapshot" does not show: all running or committed later. */
    private final Set<SsiTxn> visible = new HashSet<>();

    private void read(SsiTxn t, String relation) {
        tracker.read(t, relation, w -> !visible.contains(w));
    }

    private void commit(SsiTxn t) {
        tracker.preCommit(t);
        tracker.published(t);
    }

    @Test
    void aCommitNotYetVisibleToASnapshotStaysConcurrentWithIt() {
        SsiTxn t1 = tracker.begin();
        read(t1, "pair");
        tracker.write(t1, "pair");
        tracker.preCommit(t1); // checked, not yet visible to new snapshots
        SsiTxn t2 = tracker.begin(); // its snapshot will not show t1
        tracker.published(t1);
        read(t2, "pair"); // t2 → t1
        tracker.write(t2, "pair"); // t1 → t2
        assertThrows(DbException.class, () -> tracker.preCommit(t2));
    }

    /**
     * A transaction past its check but not yet visible must not be forgotten when no transaction
     * happens to be running: one that starts next cannot see it. (It was forgotten, and the bank
     * test saw two withdrawals from one customer's pair of accounts both commit.)
     */
    @Test
    void aCheckedCommitNotYetVisibleIsNotForgottenWhenNoOneRuns() {
        SsiTxn t1 = tracker.begin();
        read(t1, "pair");
        tracker.write(t1, "pair");
        tracker.preCommit(t1); // checked, not yet visible to new snapshots
        SsiTxn other = tracker.begin();
        commit(other); // its publication forgets what it may: nothing is running now
        SsiTxn t2 = tracker.begin(); // its snapshot will not show t1
        read(t2, "pair"); // t2 → t1
        tracker.write(t2, "pair"); // t1 → t2
        tracker.published(t1);
        DbException e = assertThrows(DbException.class, () -> tracker.preCommit(t2));
        assertEquals("40001", e.sqlState());
    }

    @Test
    void writeSkewFailsTheSecondCommitter() {
        SsiTxn t1 = tracker.begin();
        SsiTxn t2 = tracker.begin();
        read(t1, "doctors");
        read(t2, "doctors");
        tracker.write(t1, "doctors");
        tracker.write(t2, "doctors");
        commit(t1);
        DbException e = assertThrows(DbException.class, () -> tracker.preCommit(t2));
        assertEquals("40001", e.sqlState());
        assertEquals("could not serialize access due to read/write dependencies among transactions", e.getMessage());
        tracker.aborted(t2);
    }

    @Test
    void disjointTablesDoNotConflict() {
        SsiTxn t1 = tracker.begin();
        SsiTxn t2 = tracker.begin();
        read(t1, "a");
        read(t2, "b");
        tracker.write(t1, "a");
        tracker.write(t2, "b");
        commit(t1);
        commit(t2);
    }

    @Test
    void oneDirectionIsSerializable() {
        SsiTxn t1 = tracker.begin();
        SsiTxn t2 = tracker.begin();
        read(t1, "a");
        tracker.write(t2, "a"); // t1 → t2: t1 first
        commit(t2);
        commit(t1);
    }

    @Test
    void readOnlyAnomalyFailsTheReader() {
        // the batch-processing example: T_in (reader) → pivot → T_out, T_out committed first
        SsiTxn pivot = tracker.begin();
        read(pivot, "control");
        SsiTxn out = tracker.begin();
        tracker.write(out, "control"); // pivot → out
        commit(out);
        visible.add(out);
        SsiTxn reader = tracker.begin();
        read(reader, "control");
        tracker.write(pivot, "receipts");
        read(reader, "receipts"); // reader → pivot (pivot's write unseen)
        assertThrows(DbException.class, () -> tracker.preCommit(reader));
        tracker.aborted(reader);
        commit(pivot); // out-edge to a committed one, but no live in-edge any more
    }

    @Test
    void transactionsThatCommittedBeforeOthersStartedAreForgotten() {
        SsiTxn t1 = tracker.begin();
        read(t1, "a");
        tracker.write(t1, "a");
        commit(t1);
        assertEquals(0, tracker.trackedCount());
        SsiTxn t2 = tracker.begin();
        SsiTxn t3 = tracker.begin();
        commit(t2);
        assertEquals(2, tracker.trackedCount(), "t2 stays while t3, concurrent with it, runs");
        tracker.aborted(t3);
        assertEquals(0, tracker.trackedCount());
    }

    @Test
    void aReaderOfACommittedPivotWhoseOutConflictCommittedFirstFails() {
        SsiTxn reader = tracker.begin(); // its snapshot sees neither of the others
        SsiTxn pivot = tracker.begin();
        read(pivot, "control");
        SsiTxn out = tracker.begin();
        tracker.write(out, "control"); // pivot → out
        commit(out);
        tracker.write(pivot, "receipts");
        commit(pivot); // no conflict in yet: it passes
        read(reader, "receipts"); // reader → pivot, after the pivot's check
        assertThrows(DbException.class, () -> tracker.preCommit(reader));
    }
}
