package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.IsolationLevel;
import org.rustydb.api.Notice;
import org.rustydb.storage.memory.internal.MemoryStorageEngine;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** An in-memory database with the role tables and the superuser rustydb (password "secret"). */
final class RoleFixture {
    final TransactionCoordinator transactions = new TransactionCoordinator();
    final PrivilegeVersions versions = new PrivilegeVersions();
    final RoleStore store = new RoleStore(new MemoryStorageEngine(), versions);
    final PrivilegeDirectory privileges = new PrivilegeDirectory(store, transactions, versions);
    final List<Notice> notices = new ArrayList<>();

    RoleFixture() {
        Bootstrap.run(transactions, store, "secret");
    }

    /** Runs a role statement as {@code user} in a transaction of its own; returns the tag. */
    String run(String user, String sql) {
        Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, false);
        try {
            String tag = new RoleCommands(store, txn, user, notices::add, privileges).run(sql);
            txn.commit();
            return tag;
        } finally {
            if (txn.state() == Transaction.State.ACTIVE) {
                txn.rollback();
            }
        }
    }

    String run(String sql) {
        return run("rustydb", sql);
    }

    Role role(String name) {
        Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, true);
        try {
            return store.find(txn, name).orElse(null);
        } finally {
            txn.rollback();
        }
    }

    RoleGraph graph() {
        Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, true);
        try {
            return new RoleGraph(store.roles(txn), store.memberships(txn));
        } finally {
            txn.rollback();
        }
    }
}
