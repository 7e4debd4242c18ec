package org.rustydb.kernel.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.spi.txn.TransactionParticipant;

/** The behaviour every {@link TransactionManager} must have. */
public abstract class TransactionManagerContract {
    protected TransactionManager manager;

    protected abstract TransactionManager createManager();

    @BeforeEach
    void setUpManager() {
        manager = createManager();
    }

    /** Records the calls it receives into a shared journal. */
    private static final class Recorder implements TransactionParticipant {
        private final String name;
        private final List<String> journal;
        private final boolean failCommit;

        Recorder(String name, List<String> journal, boolean failCommit) {
            this.name = name;
            this.journal = journal;
            this.failCommit = failCommit;
        }

        @Override
        public void commit(Transaction txn) {
            if (failCommit) {
                throw new IllegalStateException(name + " cannot commit");
            }
            journal.add("commit " + name);
        }

        @Override
        public void rollback(Transaction txn) {
            journal.add("rollback " + name);
        }
    }

    @Test
    void idsIncreaseAndPropertiesAreKept() {
        Transaction a = manager.begin(IsolationLevel.SERIALIZABLE, true);
        Transaction b = manager.begin(IsolationLevel.READ_COMMITTED, false);
        assertTrue(b.id() > a.id());
        assertEquals(IsolationLevel.SERIALIZABLE, a.isolationLevel());
        assertTrue(a.isReadOnly());
        assertEquals(Transaction.State.ACTIVE, a.state());
        assertEquals(2, manager.activeCount());
        a.commit();
        b.rollback();
        assertEquals(0, manager.activeCount());
    }

    @Test
    void commitCallsParticipantsInOrderOnce() {
        List<String> journal = new ArrayList<>();
        Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, false);
        Recorder first = new Recorder("a", journal, false);
        txn.enlist(first);
        txn.enlist(new Recorder("b", journal, false));
        txn.enlist(first);
        txn.commit();
        assertEquals(List.of("commit a", "commit b"), journal);
        assertEquals(Transaction.State.COMMITTED, txn.state());
        assertThrows(DbException.class, txn::commit);
        assertThrows(DbException.class, () -> txn.enlist(new Recorder("c", journal, false)));
    }

    @Test
    void rollbackCallsParticipantsInReverseAndIsIdempotent() {
        List<String> journal = new ArrayList<>();
        Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, false);
        txn.enlist(new Recorder("a", journal, false));
        txn.enlist(new Recorder("b", journal, false));
        txn.rollback();
        txn.rollback();
        assertEquals(List.of("rollback b", "rollback a"), journal);
        assertEquals(Transaction.State.ROLLED_BACK, txn.state());
    }

    @Test
    void failedCommitRollsBackTheRest() {
        List<String> journal = new ArrayList<>();
        Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, false);
        txn.enlist(new Recorder("a", journal, true));
        txn.enlist(new Recorder("b", journal, false));
        assertThrows(DbException.class, txn::commit);
        assertEquals(Transaction.State.ROLLED_BACK, txn.state());
        assertTrue(journal.contains("rollback b"), journal.toString());
        assertEquals(0, manager.activeCount());
    }
}
