package org.rustydb.storage.memory.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionParticipant;

/**
 * What one transaction changed in the memory engine, as actions that undo it, applied in reverse
 * order on rollback and dropped on commit.
 */
final class UndoLog implements TransactionParticipant {
    private final List<Runnable> undoActions = new ArrayList<>();
    private final List<Runnable> commitActions = new ArrayList<>();
    private final Consumer<Transaction> onEnd;

    UndoLog(Consumer<Transaction> onEnd) {
        this.onEnd = onEnd;
    }

    synchronized void onRollback(Runnable undo) {
        undoActions.add(undo);
    }

    synchronized void onCommit(Runnable action) {
        commitActions.add(action);
    }

    @Override
    public synchronized void commit(Transaction txn) {
        try {
            commitActions.forEach(Runnable::run);
        } finally {
            undoActions.clear();
            commitActions.clear();
            onEnd.accept(txn);
        }
    }

    @Override
    public synchronized void rollback(Transaction txn) {
        try {
            for (int i = undoActions.size() - 1; i >= 0; i--) {
                undoActions.get(i).run();
            }
        } finally {
            undoActions.clear();
            commitActions.clear();
            onEnd.accept(txn);
        }
    }
}
