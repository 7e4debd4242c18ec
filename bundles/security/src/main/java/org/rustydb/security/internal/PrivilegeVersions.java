package org.rustydb.security.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.rustydb.spi.txn.SavepointParticipant;
import org.rustydb.spi.txn.Transaction;

/**
 * A counter of changes to roles, memberships, owners and privileges, for the cached views: every
 * write advances it and marks its transaction as one that sees changes others do not; the end of
 * that transaction advances it again. A participant enlisted after the storage engine's commits
 * after it, so a view read under the newer count includes the commit.
 */
public final class PrivilegeVersions implements SavepointParticipant {
    private final AtomicLong version = new AtomicLong();
    private final Set<Long> writers = ConcurrentHashMap.newKeySet();

    public long current() {
        return version.get();
    }

    /** Whether the transaction changed roles or privileges (its view is its own). */
    public boolean wrote(Transaction txn) {
        return writers.contains(txn.id());
    }

    /** Records a change the transaction just made (after the storage write, so enlisted after it). */
    public void changed(Transaction txn) {
        writers.add(txn.id());
        version.incrementAndGet();
        txn.enlist(this);
    }

    @Override
    public void commit(Transaction txn) {
        writers.remove(txn.id());
        version.incrementAndGet();
    }

    /** Nothing to keep per savepoint: the storage engine undoes the rows. */
    @Override
    public void savepoint(Transaction txn, int level) {
    }

    /** The rows the transaction sees changed back: views read before are stale. */
    @Override
    public void rollbackToSavepoint(Transaction txn, int level) {
        version.incrementAndGet();
    }

    @Override
    public void releaseSavepoint(Transaction txn, int level) {
    }

    @Override
    public void rollback(Transaction txn) {
        writers.remove(txn.id());
        version.incrementAndGet();
    }
}
