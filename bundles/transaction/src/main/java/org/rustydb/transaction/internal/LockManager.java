package org.rustydb.transaction.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.txn.LockMode;
import org.rustydb.spi.txn.WaitPolicy;

/**
 * Table locks and waits for other transactions' ends, with one wait-for graph over both. A
 * transaction that has waited {@link #DEADLOCK_CHECK_MILLIS} looks for a path from those it
 * waits for back to itself: if there is one, it is the victim and fails with 40P01. As in
 * PostgreSQL (whose deadlock_timeout plays this part), the first of the deadlocked transactions
 * to wait is the first to look, so it is the one that fails; the delay keeps short waits from
 * paying for the search, and is well under a second.
 *
 * <p>One monitor guards everything. Lock traffic is a few operations per statement, far from
 * the row-level hot path, which stays in the storage engines.
 */
final class LockManager {
    /** How often a waiter wakes to check cancel and re-examine the graph. */
    private static final long POLL_MILLIS = 20;
    /** How long a transaction waits before it looks for a deadlock. */
    static final long DEADLOCK_CHECK_MILLIS = 200;

    private final Object monitor = new Object();
    /** Transactions begun and not yet ended. */
    private final Set<CoordinatedTransaction> live = new HashSet<>();
    /** Granted table locks: relation, then holder, then modes held. */
    private final Map<String, Map<CoordinatedTransaction, EnumSet<LockMode>>> tables = new HashMap<>();
    /** Relations each transaction holds locks on, to release them at its end. */
    private final Map<CoordinatedTransaction, Set<String>> held = new HashMap<>();
    /** The wait-for graph: a waiting transaction and those it waits for. */
    private final Map<CoordinatedTransaction, Set<CoordinatedTransaction>> waitsFor = new HashMap<>();

    void begun(CoordinatedTransaction txn) {
        synchronized (monitor) {
            live.add(txn);
        }
    }

    /** Releases everything the transaction held and wakes the transactions waiting for it. */
    void ended(CoordinatedTransaction txn) {
        synchronized (monitor) {
            live.remove(txn);
            waitsFor.remove(txn);
            Set<String> relations = held.remove(txn);
            if (relations != null) {
                for (String relation : relations) {
                    Map<CoordinatedTransaction, EnumSet<LockMode>> holders = tables.get(relation);
                    holders.remove(txn);
                    if (holders.isEmpty()) {
                        tables.remove(relation);
                    }
                }
            }
            monitor.notifyAll();
        }
    }

    boolean lockTable(CoordinatedTransaction txn, String relation, LockMode mode, WaitPolicy policy) {
        synchronized (monitor) {
            Wait wait = null;
            try {
                for (;;) {
                    Set<CoordinatedTransaction> blockers = conflicting(txn, relation, mode);
                    if (blockers.isEmpty()) {
                        grant(txn, relation, mode);
                        return true;
                    }
                    if (policy == WaitPolicy.SKIP_LOCKED) {
                        return false;
                    }
                    if (policy == WaitPolicy.NOWAIT) {
                        throw DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"%s\"",
                                unqualified(relation));
                    }
                    if (wait == null) {
                        wait = new Wait(txn);
                    }
                    wait.await(blockers, mode.sqlName() + "Lock on relation \"" + unqualified(relation) + "\"");
                }
            } finally {
                waitsFor.remove(txn);
            }
        }
    }

    void awaitEnd(CoordinatedTransaction txn, CoordinatedTransaction holder) {
        if (holder == txn) {
            return;
        }
        synchronized (monitor) {
            Wait wait = null;
            try {
                while (live.contains(holder)) {
                    if (wait == null) {
                        wait = new Wait(txn);
                    }
                    wait.await(Set.of(holder), "ShareLock on transaction " + holder.id());
                }
            } finally {
                waitsFor.remove(txn);
            }
        }
    }

    /** Holders of locks on {@code relation} that conflict with {@code mode}, other than {@code txn}. */
    private Set<CoordinatedTransaction> conflicting(CoordinatedTransaction txn, String relation, LockMode mode) {
        Map<CoordinatedTransaction, EnumSet<LockMode>> holders = tables.get(relation);
        if (holders == null) {
            return Set.of();
        }
        Set<CoordinatedTransaction> blockers = new LinkedHashSet<>();
        for (Map.Entry<CoordinatedTransaction, EnumSet<LockMode>> e : holders.entrySet()) {
            if (e.getKey() == txn) {
                continue;
            }
            for (LockMode m : e.getValue()) {
                if (m.conflictsWith(mode)) {
                    blockers.add(e.getKey());
                    break;
                }
            }
        }
        return blockers;
    }

    private void grant(CoordinatedTransaction txn, String relation, LockMode mode) {
        tables.computeIfAbsent(relation, r -> new HashMap<>())
                .computeIfAbsent(txn, t -> EnumSet.noneOf(LockMode.class)).add(mode);
        held.computeIfAbsent(txn, t -> new HashSet<>()).add(relation);
    }

    /** The modes {@code txn} holds on {@code relation}; for tests and status output. */
    Set<LockMode> modesHeld(CoordinatedTransaction txn, String relation) {
        synchronized (monitor) {
            Map<CoordinatedTransaction, EnumSet<LockMode>> holders = tables.get(relation);
            EnumSet<LockMode> modes = holders == null ? null : holders.get(txn);
            return modes == null ? Set.of() : EnumSet.copyOf(modes);
        }
    }

    /** A path in the wait-for graph from {@code from} to {@code to}, or null. Under the monitor. */
    private List<CoordinatedTransaction> path(CoordinatedTransaction from, CoordinatedTransaction to) {
        Map<CoordinatedTransaction, CoordinatedTransaction> parent = new HashMap<>();
        Deque<CoordinatedTransaction> queue = new ArrayDeque<>();
        queue.add(from);
        parent.put(from, from);
        while (!queue.isEmpty()) {
            CoordinatedTransaction t = queue.poll();
            if (t == to) {
                List<CoordinatedTransaction> path = new ArrayList<>();
                for (CoordinatedTransaction c = to; c != from; c = parent.get(c)) {
                    path.add(0, c);
                }
                path.add(0, from);
                return path;
            }
            for (CoordinatedTransaction next : waitsFor.getOrDefault(t, Set.of())) {
                if (parent.putIfAbsent(next, t) == null) {
                    queue.add(next);
                }
            }
        }
        return null;
    }

    private static String unqualified(String relation) {
        int dot = relation.lastIndexOf('.');
        return dot < 0 ? relation : relation.substring(dot + 1);
    }

    /** One transaction's wait, from its first block until it gets what it wants. Under the monitor. */
    private final class Wait {
        private final CoordinatedTransaction txn;
        private final long deadlineNanos;
        private final Runnable interruptCheck;
        private final long startNanos = System.nanoTime();

        Wait(CoordinatedTransaction txn) {
            this.txn = txn;
            long timeout = txn.lockTimeoutMillis();
            this.deadlineNanos = timeout > 0 ? System.nanoTime() + timeout * 1_000_000L : 0;
            this.interruptCheck = txn.interruptCheck();
        }

        void await(Set<CoordinatedTransaction> blockers, String what) {
            waitsFor.put(txn, blockers);
            if (System.nanoTime() - startNanos >= DEADLOCK_CHECK_MILLIS * 1_000_000L) {
                for (CoordinatedTransaction blocker : blockers) {
                    List<CoordinatedTransaction> cycle = path(blocker, txn);
                    if (cycle != null) {
                        throw deadlock(what, blocker, cycle);
                    }
                }
            }
            long sleep = POLL_MILLIS;
            if (deadlineNanos != 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw DbException.of(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
                }
                sleep = Math.max(1, Math.min(sleep, left / 1_000_000L));
            }
            try {
                monitor.wait(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DbException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
            interruptCheck.run();
        }

        private DbException deadlock(String what, CoordinatedTransaction blocker, List<CoordinatedTransaction> cycle) {
            StringBuilder detail = new StringBuilder();
            detail.append("Transaction ").append(txn.id()).append(" waits for ").append(what)
                    .append("; blocked by transaction ").append(blocker.id()).append('.');
            for (int i = 0; i < cycle.size() - 1; i++) {
                detail.append("\nTransaction ").append(cycle.get(i).id()).append(" waits for transaction ")
                        .append(cycle.get(i + 1).id()).append('.');
            }
            return DbException.of(SqlState.DEADLOCK_DETECTED, "deadlock detected").withDetail(detail.toString());
        }
    }
}
