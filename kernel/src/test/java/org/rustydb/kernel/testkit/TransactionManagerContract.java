package org.rustydb.kernel.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.spi.txn.SavepointParticipant;
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

    /** A participant that also takes part in savepoints, recording the levels it is told. */
    private static final class SavepointRecorder implements SavepointParticipant {
        private final String name;
        private final List<String> journal;
        private final boolean failRollbackTo;

        SavepointRecorder(String name, List<String> journal, boolean failRollbackTo) {
            this.name = name;
            this.journal = journal;
            this.failRollbackTo = failRollbackTo;
        }

        @Override
        public void commit(Transaction txn) {
            journal.add("commit " + name);
        }

        @Override
        public void rollback(Transaction txn) {
            journal.add("rollback " + name);
        }

        @Override
        public void savepoint(Transaction txn, int level) {
            journal.add("savepoint " + name + " " + level);
        }

        @Override
        public void rollbackToSavepoint(Transaction txn, int level) {
            if (failRollbackTo) {
                throw new IllegalStateException(name + " cannot roll back to a savepoint");
            }
            journal.add("rollback to " + name + " " + level);
        }

        @Override
        public void releaseSavepoint(Transaction txn, int level) {
            journal.add("release " + name + " " + level);
        }
    }

    private static String stateOf(Runnable action) {
        return assertThrows(DbException.class, action::run).sqlState();
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

    @Test
    void savepointsReachParticipantsByLevelAndLateOnesCatchUp() {
        List<String> journal = new ArrayList<>();
        Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, false);
        txn.enlist(new SavepointRecorder("a", journal, false));
        txn.savepoint("s1");
        txn.savepoint("s2");
        txn.enlist(new SavepointRecorder("b", journal, false));
        txn.rollbackToSavepoint("s1");
        assertEquals(List.of("savepoint a 1", "savepoint a 2", "savepoint b 1", "savepoint b 2",
                "rollback to b 1", "rollback to a 1"), journal);
        journal.clear();
        // s1 is kept by the rollback, s2 is gone
        assertEquals(SqlState.INVALID_SAVEPOINT_SPECIFICATION, stateOf(() -> txn.releaseSavepoint("s2")));
        txn.releaseSavepoint("s1");
        assertEquals(List.of("release a 1", "release b 1"), journal);
        assertEquals(SqlState.INVALID_SAVEPOINT_SPECIFICATION, stateOf(() -> txn.rollbackToSavepoint("s1")));
        txn.commit();
    }

    @Test
    void aRepeatedNameMeansTheNewestSavepoint() {
        List<String> journal = new ArrayList<>();
        Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, false);
        txn.enlist(new SavepointRecorder("a", journal, false));
        txn.savepoint("x");
        txn.savepoint("y");
        txn.savepoint("x");
        txn.rollbackToSavepoint("x");
        txn.releaseSavepoint("x");
        txn.rollbackToSavepoint("y");
        txn.releaseSavepoint("x");
        assertEquals(List.of("savepoint a 1", "savepoint a 2", "savepoint a 3", "rollback to a 3", "release a 3",
                "rollback to a 2", "release a 1"), journal);
        assertEquals(SqlState.INVALID_SAVEPOINT_SPECIFICATION, stateOf(() -> txn.releaseSavepoint("y")));
        txn.rollback();
    }

    @Test
    void rollingBackToASavepointNeedsEveryParticipantToTakePart() {
        List<String> journal = new ArrayList<>();
        Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, false);
        txn.enlist(new SavepointRecorder("a", journal, false));
        txn.savepoint("s");
        txn.enlist(new Recorder("plain", journal, false));
        DbException e = assertThrows(DbException.class, () -> txn.rollbackToSavepoint("s"));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, e.sqlState());
        assertEquals(List.of("savepoint a 1"), journal);
        assertEquals(Transaction.State.ACTIVE, txn.state());
        // releasing needs nothing from a participant that cannot roll back
        txn.releaseSavepoint("s");
        txn.commit();
        assertEquals(List.of("savepoint a 1", "release a 1", "commit a", "commit plain"), journal);
    }

    @Test
    void aParticipantFailingToRollBackToASavepointRollsBackTheTransaction() {
        List<String> journal = new ArrayList<>();
        Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, false);
        txn.enlist(new SavepointRecorder("a", journal, false));
        txn.enlist(new SavepointRecorder("b", journal, true));
        txn.savepoint("s");
        assertThrows(DbException.class, () -> txn.rollbackToSavepoint("s"));
        assertEquals(Transaction.State.ROLLED_BACK, txn.state());
        assertTrue(journal.contains("rollback a") && journal.contains("rollback b"), journal.toString());
        assertEquals(0, manager.activeCount());
        assertEquals(SqlState.INVALID_TRANSACTION_STATE, stateOf(() -> txn.savepoint("t")));
    }

    @Test
    void savepointsNeedAnActiveTransaction() {
        Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, false);
        txn.savepoint("s");
        txn.commit();
        assertEquals(SqlState.INVALID_TRANSACTION_STATE, stateOf(() -> txn.savepoint("t")));
        assertEquals(SqlState.INVALID_TRANSACTION_STATE, stateOf(() -> txn.rollbackToSavepoint("s")));
        assertEquals(SqlState.INVALID_TRANSACTION_STATE, stateOf(() -> txn.releaseSavepoint("s")));
    }

    @Test
    void theIsolationLevelChangesOnlyBeforeTheFirstStatementAndOutsideSavepoints() {
        Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, false);
        txn.setIsolationLevel(IsolationLevel.SERIALIZABLE);
        txn.setIsolationLevel(IsolationLevel.REPEATABLE_READ);
        assertEquals(IsolationLevel.REPEATABLE_READ, txn.isolationLevel());
        txn.savepoint("s");
        assertEquals(SqlState.ACTIVE_SQL_TRANSACTION, stateOf(() -> txn.setIsolationLevel(IsolationLevel.SERIALIZABLE)));
        txn.releaseSavepoint("s");
        txn.statementStarted();
        // setting the level it has is no change
        txn.setIsolationLevel(IsolationLevel.REPEATABLE_READ);
        assertEquals(SqlState.ACTIVE_SQL_TRANSACTION, stateOf(() -> txn.setIsolationLevel(IsolationLevel.SERIALIZABLE)));
        assertEquals(IsolationLevel.REPEATABLE_READ, txn.isolationLevel());
        txn.rollback();
    }

    @Test
    void readOnlyAnyTimeReadWriteOnlyBeforeTheFirstStatement() {
        Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, true);
        txn.setReadOnly(false);
        txn.statementStarted();
        txn.setReadOnly(true);
        assertTrue(txn.isReadOnly());
        assertEquals(SqlState.ACTIVE_SQL_TRANSACTION, stateOf(() -> txn.setReadOnly(false)));
        txn.rollback();
    }

    @Test
    void savepointsRestoreTheReadWriteModeTheyWereSetIn() {
        Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, false);
        txn.savepoint("a");
        txn.setReadOnly(true);
        assertEquals(SqlState.ACTIVE_SQL_TRANSACTION, stateOf(() -> txn.setReadOnly(false)));
        txn.rollbackToSavepoint("a");
        assertFalse(txn.isReadOnly());
        txn.setReadOnly(true);
        txn.releaseSavepoint("a");
        assertFalse(txn.isReadOnly());
        txn.setReadOnly(true);
        txn.savepoint("b");
        txn.rollbackToSavepoint("b");
        assertTrue(txn.isReadOnly());
        txn.rollback();
    }
}
