package org.rustydb.storage.memory.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionParticipant;
import org.rustydb.storage.memory.internal.durable.DurableStore;
import org.rustydb.storage.memory.internal.durable.RedoOp;

/**
 * What one transaction changed in the memory engine: actions that undo it (applied in reverse on
 * rollback), and for a durable engine the redo ops that commit logs as one record. The tables it
 * touched get their ownership released once the transaction has ended: after the commit record
 * is durable, or after the undo.
 */
final class UndoLog implements TransactionParticipant {
    private final DurableStore store;
    private final Consumer<Transaction> onEnd;
    private final List<Runnable> undoActions = new ArrayList<>();
    private final List<Runnable> commitActions = new ArrayList<>();
    private final List<RedoOp> redo = new ArrayList<>();
    private final Set<MemoryTable> touched = new LinkedHashSet<>();

    /** @param store where commits are logged, or null for a purely in-memory engine */
    UndoLog(DurableStore store, Consumer<Transaction> onEnd) {
        this.store = store;
        this.onEnd = onEnd;
    }

    synchronized void touch(MemoryTable table) {
        touched.add(table);
    }

    synchronized void onRollback(Runnable undo) {
        undoActions.add(undo);
    }

    synchronized void onCommit(Runnable action) {
        commitActions.add(action);
    }

    synchronized void redo(RedoOp op) {
        if (store != null) {
            redo.add(op);
        }
    }

    /**
     * Logs the changes and waits until they are durable. If that fails nothing is released: the
     * exception makes the coordinator call {@link #rollback}, which undoes the changes.
     */
    @Override
    public synchronized void commit(Transaction txn) {
        if (!redo.isEmpty()) {
            store.commit(txn.id(), redo);
        }
        try {
            commitActions.forEach(Runnable::run);
        } finally {
            end(txn);
        }
    }

    /** Runs every undo action even if one fails (a bug), then rethrows the first failure. */
    @Override
    public synchronized void rollback(Transaction txn) {
        RuntimeException failure = null;
        for (int i = undoActions.size() - 1; i >= 0; i--) {
            try {
                undoActions.get(i).run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        end(txn);
        if (failure != null) {
            throw failure;
        }
    }

    private void end(Transaction txn) {
        for (MemoryTable table : touched) {
            table.release(txn.id());
        }
        undoActions.clear();
        commitActions.clear();
        redo.clear();
        touched.clear();
        onEnd.accept(txn);
    }
}
