package org.rustydb.execution.internal.constraint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionParticipant;

/**
 * What one transaction holds back: the modes SET CONSTRAINTS gave, and the foreign key checks
 * deferred to its end. A deferred check runs at COMMIT (a violation fails the commit, which rolls
 * the transaction back) or when SET CONSTRAINTS makes its constraint immediate again.
 */
public final class TransactionConstraints {
    /** SET CONSTRAINTS ALL: deferred, immediate, or null for each constraint's INITIALLY. */
    private Boolean all;
    /** SET CONSTRAINTS name: by schema, table and constraint name. */
    private final Map<List<String>, Boolean> named = new HashMap<>();
    private final Map<List<Object>, PendingCheck> deferred = new LinkedHashMap<>();

    private TransactionConstraints() {
    }

    /**
     * The state of each transaction that has deferred a check or run SET CONSTRAINTS, until it
     * ends. One per query engine; thread-safe.
     */
    public static final class Registry {
        private final Map<Transaction, TransactionConstraints> states = new ConcurrentHashMap<>();
        private final Referrers referrers = new Referrers();

        Referrers referrers() {
            return referrers;
        }

        /** Forgets what was kept for a session that closed. */
        public void sessionClosed(long sessionId) {
            referrers.sessionClosed(sessionId);
        }

        /** The transaction's state, made (and dropped again when the transaction ends) on first use. */
        public TransactionConstraints of(Transaction txn) {
            return states.computeIfAbsent(txn, t -> {
                t.enlist(new Forget(this));
                return new TransactionConstraints();
            });
        }

        /** Whether a check of the foreign key of {@code child} waits for the end of the transaction. */
        boolean isDeferred(Transaction txn, TableDefinition child, ForeignKey fk) {
            if (!fk.deferrable()) {
                return false;
            }
            TransactionConstraints state = states.get(txn);
            return state == null ? fk.initiallyDeferred() : state.isDeferred(child, fk);
        }

        /** Runs every deferred check before COMMIT; a violation fails it, and the caller rolls back. */
        public void beforeCommit(SessionContext session, Transaction txn) {
            TransactionConstraints state = states.get(txn);
            if (state != null) {
                state.runDue(session, txn, true);
            }
        }
    }

    /** Drops the state when the transaction ends, however it ends. */
    private record Forget(Registry registry) implements TransactionParticipant {
        @Override
        public void commit(Transaction txn) {
            registry.states.remove(txn);
        }

        @Override
        public void rollback(Transaction txn) {
            registry.states.remove(txn);
        }
    }

    boolean isDeferred(TableDefinition child, ForeignKey fk) {
        if (!fk.deferrable()) {
            return false;
        }
        Boolean mode = named.get(List.of(child.schema(), child.name(), fk.name()));
        if (mode == null) {
            mode = all;
        }
        return mode == null ? fk.initiallyDeferred() : mode;
    }

    void defer(PendingCheck check) {
        deferred.putIfAbsent(PendingCheck.identity(check), check);
    }

    /** SET CONSTRAINTS ALL: forgets the modes given by name. */
    public void setAll(boolean deferredMode) {
        all = deferredMode;
        named.clear();
    }

    /** SET CONSTRAINTS for one (deferrable) foreign key of a table. */
    public void set(TableDefinition child, ForeignKey fk, boolean deferredMode) {
        named.put(List.of(child.schema(), child.name(), fk.name()), deferredMode);
    }

    /**
     * Runs the deferred checks whose constraints are immediate now (all of them at commit), in the
     * order they were deferred, forgetting them. Checks of constraints or tables dropped since are
     * skipped.
     */
    public void runDue(SessionContext session, Transaction txn, boolean commit) {
        if (deferred.isEmpty()) {
            return;
        }
        ReferenceChecks checks = new ReferenceChecks(session, txn);
        for (Map.Entry<List<Object>, PendingCheck> entry : new ArrayList<>(deferred.entrySet())) {
            PendingCheck check = current(session, txn, entry.getValue());
            if (check == null) {
                deferred.remove(entry.getKey());
            } else if (commit || !isDeferred(check.child().definition(), check.foreignKey())) {
                deferred.remove(entry.getKey());
                checks.run(check);
            }
        }
    }

    /** The check with the tables and constraint as they are now, or null if the constraint is gone. */
    private static PendingCheck current(SessionContext session, Transaction txn, PendingCheck check) {
        TableDefinition queued = check.child().definition();
        Optional<TableHandle> child = session.storage().findTable(txn, queued.schema(), queued.name());
        if (child.isEmpty()) {
            return null;
        }
        ForeignKey fk = null;
        for (ForeignKey candidate : child.get().definition().foreignKeys()) {
            if (candidate.name().equals(check.foreignKey().name())) {
                fk = candidate;
            }
        }
        if (fk == null) {
            return null;
        }
        if (check instanceof PendingCheck.Referencing r) {
            return new PendingCheck.Referencing(child.get(), fk, r.key());
        }
        PendingCheck.Referenced r = (PendingCheck.Referenced) check;
        Optional<TableHandle> parent = session.storage().findTable(txn, fk.referencedSchema(), fk.referencedTable());
        if (parent.isEmpty()) {
            return null;
        }
        return new PendingCheck.Referenced(child.get(), fk, parent.get(), r.key(), r.restrict());
    }
}
