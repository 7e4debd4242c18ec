package org.rustydb.storage.memory.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.rustydb.spi.txn.SavepointParticipant;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.memory.internal.durable.DurableStore;
import org.rustydb.storage.memory.internal.durable.RedoOp;

/**
 * What one transaction changed in the memory engine: actions that undo it (applied in reverse on
 * rollback), and for a durable engine the redo ops that commit logs as one record. The tables it
 * touched get their ownership released once the transaction has ended: after the commit record
 * is durable, or after the undo.
 *
 * <p>A savepoint is a mark in the three lists: rolling back to it runs the undo actions recorded
 * since, newest first, and forgets their commit actions and redo ops. What the transaction owns
 * stays owned until it ends.
 */
final class UndoLog implements SavepointParticipant {
    private final DurableStore store;
    private final Consumer<Transaction> onEnd;
    private final List<Runnable> undoActions = new ArrayList<>();
    private final List<Runnable> commitActions = new ArrayList<>();
    private final List<RedoOp> redo = new ArrayList<>();
    private final Set<MemoryTable> touched = new LinkedHashSet<>();
    /** Run after the end of a transaction that changed the catalog, and after its rollbacks to a savepoint; else null. */
    private Runnable catalogChangeEnded;
    /** Per savepoint level (index + 1): the sizes of the undo, commit and redo lists when it was set. */
    private final List<int[]> savepoints = new ArrayList<>();

    /** @param store where commits are logged, or null for a purely in-memory engine */
    UndoLog(DurableStore store, Consumer<Transaction> onEnd) {
        this.store = store;
        this.onEnd = onEnd;
    }

    synchronized void changesCatalog(Runnable ended) {
        catalogChangeEnded = ended;
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

    @Override
    public synchronized void savepoint(Transaction txn, int level) {
        savepoints.subList(Math.min(level - 1, savepoints.size()), savepoints.size()).clear();
        savepoints.add(new int[] {undoActions.size(), commitActions.size(), redo.size()});
    }

    /** Undoes the changes since the savepoint, newest first; a failing undo action (a bug) is thrown. */
    @Override
    public synchronized void rollbackToSavepoint(Transaction txn, int level) {
        int[] mark = savepoints.get(level - 1);
        savepoints.subList(level, savepoints.size()).clear();
        List<Runnable> since = undoActions.subList(mark[0], undoActions.size());
        List<Runnable> undo = new ArrayList<>(since);
        since.clear();
        commitActions.subList(mark[1], commitActions.size()).clear();
        redo.subList(mark[2], redo.size()).clear();
        try {
            runReversed(undo);
        } finally {
            if (catalogChangeEnded != null) {
                catalogChangeEnded.run();
            }
        }
    }

    @Override
    public synchronized void releaseSavepoint(Transaction txn, int level) {
        savepoints.subList(level - 1, savepoints.size()).clear();
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
        try {
            runReversed(undoActions);
        } catch (RuntimeException e) {
            failure = e;
        }
        end(txn);
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs undo actions newest first, every one even if one fails, then throws the first failure. */
    private static void runReversed(List<Runnable> actions) {
        RuntimeException failure = null;
        for (int i = actions.size() - 1; i >= 0; i--) {
            try {
                actions.get(i).run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
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
        savepoints.clear();
        if (catalogChangeEnded != null) {
            catalogChangeEnded.run();
            catalogChangeEnded = null;
        }
        onEnd.accept(txn);
    }
}
