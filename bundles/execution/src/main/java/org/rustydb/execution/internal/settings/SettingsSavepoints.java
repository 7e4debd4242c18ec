package org.rustydb.execution.internal.settings;

import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.SavepointParticipant;
import org.rustydb.spi.txn.Transaction;

/**
 * Tells {@link SettingsTransaction} of a transaction's savepoint levels, so that ROLLBACK TO
 * restores the settings changed since the savepoint and RELEASE hands them to the level below.
 * Enlisted only when a setting changes while a savepoint is set; it reads no data, so SET
 * TRANSACTION may still change the isolation level after it (once the savepoints are released).
 * Equal per session (by id: each statement sees the session through a context of its own, all
 * writing the same settings), so enlisting again changes nothing. The transaction's end is the
 * engine's ({@link Settings#endTransaction}), which knows whether a failed block's COMMIT rolled back.
 */
record SettingsSavepoints(SessionContext session) implements SavepointParticipant {

    @Override
    public void savepoint(Transaction txn, int level) {
        SettingsTransaction.savepoint(session, level);
    }

    @Override
    public void rollbackToSavepoint(Transaction txn, int level) {
        SettingsTransaction.rollbackTo(session, level);
    }

    @Override
    public void releaseSavepoint(Transaction txn, int level) {
        SettingsTransaction.release(session, level);
    }

    @Override
    public void commit(Transaction txn) {
    }

    @Override
    public void rollback(Transaction txn) {
    }

    @Override
    public boolean readsUnderIsolation() {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SettingsSavepoints s && s.session.sessionId() == session.sessionId();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(session.sessionId());
    }
}
