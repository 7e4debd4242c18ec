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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
 * <p>The weak modes every statement takes (ACCESS SHARE, ROW SHARE, ROW EXCLUSIVE), which never
 * conflict with one another, take a fast path while no transaction holds or asks for a strong
 * lock on the relation (one conflicting with a weak mode), as PostgreSQL's fast-path locks do:
 * the transaction only notes the mode in its own {@link Held}. A strong lock counts itself in
 * {@link #strong} before it looks at the holders, so either the weak locker sees the count and
 * takes the slow path, or the strong locker sees the weak lock among the live transactions'.
 * Everything else goes under one monitor: the lock table, the waits and the wait-for graph.
 */
final class LockManager {
    /** How often a waiter wakes to check cancel and re-examine the graph. */
    private static final long POLL_MILLIS = 20;
    /** How long a transaction waits before it looks for a deadlock. */
    static final long DEADLOCK_CHECK_MILLIS = 200;
    private static final int WEAK = bit(LockMode.ACCESS_SHARE) | bit(LockMode.ROW_SHARE)
            | bit(LockMode.ROW_EXCLUSIVE);
    /** The modes that conflict with a weak one (SHARE and above). */
    private static final int STRONG = strongModes();

    /** A transaction's own lock state. */
    static final class Held {
        /** Weak modes taken by the fast path, per relation, as bits of the modes' ordinals. */
        private final Map<String, Integer> fast = new ConcurrentHashMap<>();
        /** Relations on which this transaction counts in {@link #strong}. Under the monitor. */
        private final Set<String> strongCounted = new HashSet<>();
        /** Whether it took a lock the slow way (in the lock table). */
        private volatile boolean slow;
    }

    private final Object monitor = new Object();
    /** Transactions begun and not yet ended. */
    private final Set<CoordinatedTransaction> live = ConcurrentHashMap.newKeySet();
    /** Per relation, how many transactions hold or ask for a strong lock on it. */
    private final Map<String, AtomicInteger> strong = new ConcurrentHashMap<>();
    /** Threads in a wait or about to check for one: an ending transaction must wake them. */
    private final AtomicInteger waiters = new AtomicInteger();
    /** Granted table locks: relation, then holder, then modes held. */
    private final Map<String, Map<CoordinatedTransaction, EnumSet<LockMode>>> tables = new HashMap<>();
    /** Relations each transaction holds locks on, to release them at its end. */
    private final Map<CoordinatedTransaction, Set<String>> held = new HashMap<>();
    /** The wait-for graph: a waiting transaction and those it waits for. */
    private final Map<CoordinatedTransaction, Set<CoordinatedTransaction>> waitsFor = new HashMap<>();

    void begun(CoordinatedTransaction txn) {
        live.add(txn);
    }

    /** Releases everything the transaction held and wakes the transactions waiting for it. */
    void ended(CoordinatedTransaction txn) {
        Held h = txn.lockState;
        h.fast.clear();
        live.remove(txn);
        // read after the removal: a waiter counts itself before it looks (see lockTable)
        if (!h.slow && h.strongCounted.isEmpty() && waiters.get() == 0) {
            return;
        }
        synchronized (monitor) {
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
            for (String relation : h.strongCounted) {
                uncountStrong(relation);
            }
            h.strongCounted.clear();
            monitor.notifyAll();
        }
    }

    boolean lockTable(CoordinatedTransaction txn, String relation, LockMode mode, WaitPolicy policy) {
        boolean weak = (WEAK & bit(mode)) != 0;
        if (weak && fastLock(txn.lockState, relation, mode)) {
            return true;
        }
        synchronized (monitor) {
            waiters.incrementAndGet();
            boolean granted = false;
            if (isStrong(mode)) {
                countStrong(txn.lockState, relation); // before looking at the weak holders
            }
            Wait wait = null;
            try {
                for (;;) {
                    Set<CoordinatedTransaction> blockers = conflicting(txn, relation, mode);
                    if (blockers.isEmpty()) {
                        grant(txn, relation, mode);
                        granted = true;
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
                waiters.decrementAndGet();
                if (isStrong(mode) && !granted && !holdsStrong(txn, relation)) {
                    txn.lockState.strongCounted.remove(relation);
                    uncountStrong(relation);
                }
            }
        }
    }

    /**
     * Takes a weak mode without the monitor if no strong lock is held or asked for on the
     * relation; false if one is (the caller takes the slow path).
     */
    private boolean fastLock(Held h, String relation, LockMode mode) {
        Integer had = h.fast.get(relation);
        if (had != null && (had & bit(mode)) != 0) {
            return true;
        }
        if (strongCount(relation) != 0) {
            return false;
        }
        h.fast.merge(relation, bit(mode), (a, b) -> a | b);
        if (strongCount(relation) == 0) {
            return true;
        }
        // a strong lock came meanwhile: give the mode back and queue the slow way
        if (had == null) {
            h.fast.remove(relation);
        } else {
            h.fast.put(relation, had);
        }
        if (waiters.get() != 0) {
            synchronized (monitor) {
                monitor.notifyAll(); // the strong locker may have seen the mode
            }
        }
        return false;
    }

    /** How many transactions hold or want a strong lock on the relation; for tests. */
    int strongCountFor(String relation) {
        return strongCount(relation);
    }

    private int strongCount(String relation) {
        AtomicInteger n = strong.get(relation);
        return n == null ? 0 : n.get();
    }

    /** Under the monitor. */
    private void countStrong(Held h, String relation) {
        if (h.strongCounted.add(relation)) {
            strong.computeIfAbsent(relation, r -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Under the monitor. */
    private void uncountStrong(String relation) {
        AtomicInteger n = strong.get(relation);
        if (n != null && n.decrementAndGet() == 0) {
            strong.remove(relation);
        }
    }

    /** Whether the transaction holds a strong mode on the relation in the lock table. Under the monitor. */
    private boolean holdsStrong(CoordinatedTransaction txn, String relation) {
        Map<CoordinatedTransaction, EnumSet<LockMode>> holders = tables.get(relation);
        EnumSet<LockMode> modes = holders == null ? null : holders.get(txn);
        if (modes != null) {
            for (LockMode m : modes) {
                if (isStrong(m)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isStrong(LockMode mode) {
        return (STRONG & bit(mode)) != 0;
    }

    private static int strongModes() {
        int strong = 0;
        for (LockMode mode : LockMode.values()) {
            if (conflictsWithAny(mode, WEAK)) {
                strong |= bit(mode);
            }
        }
        return strong;
    }

    private static int bit(LockMode mode) {
        return 1 << mode.ordinal();
    }

    void awaitEnd(CoordinatedTransaction txn, CoordinatedTransaction holder) {
        if (holder == txn) {
            return;
        }
        synchronized (monitor) {
            waiters.incrementAndGet();
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
                waiters.decrementAndGet();
            }
        }
    }

    /**
     * Holders of locks on {@code relation} that conflict with {@code mode}, other than {@code txn}:
     * in the lock table, and for a strong mode among the weak modes of the fast path.
     */
    private Set<CoordinatedTransaction> conflicting(CoordinatedTransaction txn, String relation, LockMode mode) {
        Set<CoordinatedTransaction> blockers = new LinkedHashSet<>();
        Map<CoordinatedTransaction, EnumSet<LockMode>> holders = tables.get(relation);
        if (holders != null) {
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
        }
        if (isStrong(mode)) {
            for (CoordinatedTransaction t : live) {
                Integer fast = t == txn ? null : t.lockState.fast.get(relation);
                if (fast != null && conflictsWithAny(mode, fast)) {
                    blockers.add(t);
                }
            }
        }
        return blockers;
    }

    private static boolean conflictsWithAny(LockMode mode, int modes) {
        for (LockMode m : LockMode.values()) {
            if ((modes & bit(m)) != 0 && mode.conflictsWith(m)) {
                return true;
            }
        }
        return false;
    }

    private void grant(CoordinatedTransaction txn, String relation, LockMode mode) {
        txn.lockState.slow = true;
        tables.computeIfAbsent(relation, r -> new HashMap<>())
                .computeIfAbsent(txn, t -> EnumSet.noneOf(LockMode.class)).add(mode);
        held.computeIfAbsent(txn, t -> new HashSet<>()).add(relation);
    }

    /** The modes {@code txn} holds on {@code relation}; for tests and status output. */
    Set<LockMode> modesHeld(CoordinatedTransaction txn, String relation) {
        synchronized (monitor) {
            Map<CoordinatedTransaction, EnumSet<LockMode>> holders = tables.get(relation);
            EnumSet<LockMode> slow = holders == null ? null : holders.get(txn);
            EnumSet<LockMode> modes = slow == null ? EnumSet.noneOf(LockMode.class) : EnumSet.copyOf(slow);
            Integer fast = txn.lockState.fast.get(relation);
            if (fast != null) {
                for (LockMode m : LockMode.values()) {
                    if ((fast & bit(m)) != 0) {
                        modes.add(m);
                    }
                }
            }
            return modes;
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
