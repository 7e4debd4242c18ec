package org.rustydb.itests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the crash test's clients were told about their writes, and so what a recovered database
 * must hold: every acknowledged commit, nothing rolled back or failed, and for writes whose
 * acknowledgement the kill cut off, either outcome. After each recovery the uncertain writes are
 * resolved to what the database showed, and later recoveries must keep that outcome.
 */
final class CrashLedger {
    /** The state of one acks id. */
    private enum State {
        /** the insert's commit was sent, its acknowledgement not received */
        INSERT_SENT,
        /** the insert was acknowledged, or a recovery showed it committed */
        COMMITTED,
        /** rolled back, failed, or cut off before COMMIT was sent: must never appear */
        NEVER_COMMITTED,
        /** the delete of a committed row was sent, its acknowledgement not received */
        DELETE_SENT,
        /** the delete was acknowledged, or a recovery showed it committed */
        DELETED
    }

    record Transfer(int from, int to, long amount) {
    }

    /** What the clients got acknowledged since the last {@link #takeCounts()}. */
    record Counts(int insertedRows, int transfers, int deletes, int rollbacks, int conflicts) {
        int commits() {
            return insertedRows + transfers + deletes;
        }
    }

    /** How {@link #check} resolved the writes in flight at the kill. */
    record InFlight(int writes, int committed) {
    }

    private final Map<Long, State> states = new HashMap<>();
    private final Map<Long, Integer> writers = new HashMap<>();
    /** Per writer, the ids it inserted and that are committed and not being deleted: candidates to delete. */
    private final Map<Integer, List<Long>> deletable = new HashMap<>();
    /** Balances after every acknowledged transfer, index = account id - 1. */
    private final long[] balances;
    private final List<Transfer> uncertainTransfers = new ArrayList<>();
    private int insertedRows;
    private int transfers;
    private int deletes;
    private int rollbacks;
    private int conflicts;

    CrashLedger(long[] initialBalances) {
        this.balances = initialBalances.clone();
    }

    synchronized void insertSent(long id, int writer) {
        states.put(id, State.INSERT_SENT);
        writers.put(id, writer);
    }

    synchronized void insertAcknowledged(long id) {
        move(id, State.INSERT_SENT, State.COMMITTED);
        deletable.computeIfAbsent(writers.get(id), w -> new ArrayList<>()).add(id);
        insertedRows++;
    }

    /** The insert's transaction is known not to have committed (error, ROLLBACK, no COMMIT sent). */
    synchronized void insertNotCommitted(long id) {
        move(id, State.INSERT_SENT, State.NEVER_COMMITTED);
    }

    synchronized void rolledBack() {
        rollbacks++;
    }

    /** A write conflict (55P03 or 40001) that made a client roll back and retry. */
    synchronized void conflict() {
        conflicts++;
    }

    /** A committed id of {@code writer} to delete, chosen at random, or null if there is none. */
    synchronized Long committedIdOf(int writer, Random random) {
        List<Long> ids = deletable.get(writer);
        if (ids == null || ids.isEmpty()) {
            return null;
        }
        int index = random.nextInt(ids.size());
        Long id = ids.get(index);
        ids.set(index, ids.get(ids.size() - 1));
        ids.remove(ids.size() - 1);
        return id;
    }

    synchronized void deleteSent(long id) {
        move(id, State.COMMITTED, State.DELETE_SENT);
    }

    /** The delete got an error response: the row stays committed. */
    synchronized void deleteNotCommitted(long id) {
        move(id, State.DELETE_SENT, State.COMMITTED);
        deletable.computeIfAbsent(writers.get(id), w -> new ArrayList<>()).add(id);
    }

    synchronized void deleteAcknowledged(long id) {
        move(id, State.DELETE_SENT, State.DELETED);
        deletes++;
    }

    synchronized void transferSent(Transfer transfer) {
        uncertainTransfers.add(transfer);
    }

    synchronized void transferAcknowledged(Transfer transfer) {
        if (!uncertainTransfers.remove(transfer)) {
            throw new IllegalStateException("transfer not sent: " + transfer);
        }
        apply(balances, transfer);
        transfers++;
    }

    /** COMMIT of the transfer got an error response: it did not commit. */
    synchronized void transferNotCommitted(Transfer transfer) {
        uncertainTransfers.remove(transfer);
    }

    /**
     * Compares a recovered database with the ledger: {@code acks} maps each acks id to the writers
     * of the rows holding it (more than one is a duplicate), {@code accounts} maps account ids to
     * balances. Returns the problems found, empty if none; uncertain writes become what the
     * database shows.
     */
    synchronized InFlight check(Map<Long, List<Integer>> acks, Map<Integer, Long> accounts, List<String> problems) {
        List<String> lost = new ArrayList<>();
        List<String> resurrected = new ArrayList<>();
        int inFlight = uncertainTransfers.size();
        int committed = 0;
        for (Map.Entry<Long, State> entry : states.entrySet()) {
            long id = entry.getKey();
            boolean present = acks.containsKey(id);
            switch (entry.getValue()) {
                case INSERT_SENT -> {
                    inFlight++;
                    committed += present ? 1 : 0;
                    entry.setValue(present ? State.COMMITTED : State.NEVER_COMMITTED);
                }
                case DELETE_SENT -> {
                    inFlight++;
                    committed += present ? 0 : 1;
                    entry.setValue(present ? State.COMMITTED : State.DELETED);
                }
                case COMMITTED -> {
                    if (!present) {
                        lost.add(Long.toString(id));
                    }
                }
                case NEVER_COMMITTED -> {
                    if (present) {
                        resurrected.add(id + " (never committed)");
                    }
                }
                case DELETED -> {
                    if (present) {
                        resurrected.add(id + " (deleted)");
                    }
                }
            }
        }
        if (!lost.isEmpty()) {
            problems.add(lost.size() + " committed acks ids missing: " + head(lost));
        }
        if (!resurrected.isEmpty()) {
            problems.add(resurrected.size() + " acks ids present that must not be: " + head(resurrected));
        }
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<Long, List<Integer>> row : acks.entrySet()) {
            Integer writer = writers.get(row.getKey());
            if (row.getValue().size() > 1) {
                wrong.add(row.getKey() + " appears " + row.getValue().size() + " times");
            } else if (writer == null) {
                wrong.add(row.getKey() + " was never inserted");
            } else if (!writer.equals(row.getValue().get(0))) {
                wrong.add(row.getKey() + " has writer " + row.getValue().get(0) + ", not " + writer);
            }
        }
        if (!wrong.isEmpty()) {
            problems.add(wrong.size() + " bad acks rows: " + head(wrong));
        }
        committed += checkBalances(accounts, problems);
        return new InFlight(inFlight, committed);
    }

    /** The counts since the last {@link #takeCounts()}, without resetting them. */
    synchronized Counts peekCounts() {
        return new Counts(insertedRows, transfers, deletes, rollbacks, conflicts);
    }

    /** The counts since the last call, for a cycle's summary line. */
    synchronized Counts takeCounts() {
        Counts counts = new Counts(insertedRows, transfers, deletes, rollbacks, conflicts);
        insertedRows = transfers = deletes = rollbacks = conflicts = 0;
        return counts;
    }

    /**
     * The recovered balances must be the acknowledged ones plus some subset of the uncertain
     * transfers; returns the size of that subset.
     */
    private int checkBalances(Map<Integer, Long> accounts, List<String> problems) {
        long[] actual = new long[balances.length];
        for (int id = 1; id <= balances.length; id++) {
            Long balance = accounts.get(id);
            if (balance == null) {
                problems.add("account " + id + " missing; accounts: " + accounts);
                return 0;
            }
            actual[id - 1] = balance;
        }
        if (accounts.size() != balances.length) {
            problems.add(accounts.size() + " accounts instead of " + balances.length + ": " + accounts);
            return 0;
        }
        long expectedSum = Arrays.stream(balances).sum();
        long actualSum = Arrays.stream(actual).sum();
        if (actualSum != expectedSum) {
            problems.add("sum(balance) is " + actualSum + ", not " + expectedSum);
        }
        int n = uncertainTransfers.size();
        if (n > 16) {
            throw new IllegalStateException(n + " uncertain transfers: more than one per client?");
        }
        for (int subset = 0; subset < (1 << n); subset++) {
            long[] expected = balances.clone();
            for (int i = 0; i < n; i++) {
                if ((subset & (1 << i)) != 0) {
                    apply(expected, uncertainTransfers.get(i));
                }
            }
            if (Arrays.equals(expected, actual)) {
                System.arraycopy(expected, 0, balances, 0, balances.length);
                uncertainTransfers.clear();
                return Integer.bitCount(subset);
            }
        }
        problems.add("balances " + Arrays.toString(actual) + " are not the acknowledged "
                + Arrays.toString(balances) + " plus any subset of the transfers in flight " + uncertainTransfers);
        // go on from what the database holds, so that a later cycle reports only new problems
        System.arraycopy(actual, 0, balances, 0, balances.length);
        uncertainTransfers.clear();
        return 0;
    }

    private void move(long id, State from, State to) {
        State state = states.get(id);
        if (state != from) {
            throw new IllegalStateException("acks id " + id + " is " + state + ", not " + from);
        }
        states.put(id, to);
    }

    private static void apply(long[] balances, Transfer transfer) {
        balances[transfer.from() - 1] -= transfer.amount();
        balances[transfer.to() - 1] += transfer.amount();
    }

    private static String head(List<String> items) {
        List<String> sorted = items.stream().sorted().toList();
        return sorted.size() <= 20 ? sorted.toString() : sorted.subList(0, 20) + " ...";
    }
}
