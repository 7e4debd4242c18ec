package org.rustydb.storage.paged.internal.ssi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * Serializable snapshot isolation (Cahill, Röhm and Fekete; PostgreSQL's SERIALIZABLE): snapshot
 * isolation plus tracking of read-write antidependencies between concurrent SERIALIZABLE
 * transactions. An edge R → W means R read something W wrote in a version R cannot see (so R
 * must come before W in any serial order). Every non-serializable history of snapshot isolation
 * contains a "dangerous structure" T_in → pivot → T_out in which T_out commits first; a
 * transaction whose commit would complete one fails with 40001 instead.
 *
 * <p>Reads and writes are tracked per relation (a SIREAD lock on the whole table), the coarsest
 * of PostgreSQL's granularities: never misses a conflict, but two transactions that read and write
 * different rows of one table conflict too, so some retries are needed that row-level tracking
 * would spare.
 *
 * <p>The checks run at commit, under one lock, so two transactions committing at once cannot
 * both pass: a transaction past its check counts as committed to everyone else. Its place in the
 * commit order is taken only once its commit is visible ({@link #published}), so a transaction
 * whose snapshot missed it is always counted as concurrent with it.
 */
public final class SsiTracker {
    /** Commit sequence: orders SERIALIZABLE commits against transaction starts. */
    private long sequence;
    private final List<SsiTxn> tracked = new ArrayList<>();

    /** Registers a SERIALIZABLE transaction; call before it takes its snapshot. */
    public synchronized SsiTxn begin() {
        SsiTxn t = new SsiTxn(sequence);
        tracked.add(t);
        return t;
    }

    /**
     * {@code reader} reads {@code relation}: an edge to every concurrent transaction that wrote
     * it in a version the reader cannot see ({@code invisible} says which writers those are).
     */
    public synchronized void read(SsiTxn reader, Object relation, Predicate<SsiTxn> invisible) {
        if (!reader.reads.add(relation)) {
            // writes that happen later are found by the writer; earlier ones were found the first time
            return;
        }
        for (SsiTxn writer : tracked) {
            if (writer != reader && writer.state != SsiTxn.State.ABORTED && writer.writes.contains(relation)
                    && invisible.test(writer)) {
                edge(reader, writer);
            }
        }
    }

    /** {@code writer} writes {@code relation}: an edge from every concurrent transaction that read it. */
    public synchronized void write(SsiTxn writer, Object relation) {
        if (!writer.writes.add(relation)) {
            return;
        }
        for (SsiTxn reader : tracked) {
            if (reader != writer && reader.state != SsiTxn.State.ABORTED && reader.reads.contains(relation)
                    && concurrent(reader, writer)) {
                edge(reader, writer);
            }
        }
    }

    /** True if {@code other} had not committed when {@code t} started. */
    private static boolean concurrent(SsiTxn other, SsiTxn t) {
        return other.state != SsiTxn.State.COMMITTED || other.commitSeq > t.startSeq;
    }

    /**
     * True if {@code t} has a conflict out to a committed transaction other than {@code except},
     * or had one to a committed transaction since forgotten.
     */
    private static boolean outToCommitted(SsiTxn t, SsiTxn except) {
        if (t.outToForgottenCommit) {
            return true;
        }
        for (SsiTxn o : t.out) {
            if (o != except && o.state == SsiTxn.State.COMMITTED) {
                return true;
            }
        }
        return false;
    }

    private static void edge(SsiTxn reader, SsiTxn writer) {
        reader.out.add(writer);
        writer.in.add(reader);
    }

    /**
     * The commit-time check; afterwards the transaction counts as committed. 40001 if committing
     * would complete a dangerous structure: it is a pivot whose T_out already committed, or it is
     * a T_in whose pivot is still running and whose T_out already committed.
     */
    public synchronized void preCommit(SsiTxn t) {
        boolean hasIn = t.in.stream().anyMatch(SsiTxn::live);
        if (hasIn && outToCommitted(t, null)) {
            throw failure("Canceled on identification as a pivot, during commit attempt.");
        }
        for (SsiTxn pivot : t.out) {
            // t → pivot → T_out with T_out committed: t read what the pivot wrote without seeing
            // it, and whether the pivot still runs or committed already (t's read may have come
            // after the pivot's own check), t's commit would complete the structure
            if (pivot.live() && outToCommitted(pivot, t)) {
                throw failure("Canceled on commit attempt with conflict in from prepared pivot.");
            }
        }
        t.state = SsiTxn.State.COMMITTED;
        // concurrent with everyone until its commit is visible; see published
        t.commitSeq = Long.MAX_VALUE;
    }

    /**
     * The transaction's commit is now visible to new snapshots. Only from now on may a
     * transaction that starts count it as committed before it: one whose snapshot was taken
     * between the check and the publication does not see its writes, so must stay concurrent.
     */
    public synchronized void published(SsiTxn t) {
        t.commitSeq = ++sequence;
        purge();
    }

    /** A transaction rolled back: its edges no longer count. */
    public synchronized void aborted(SsiTxn t) {
        t.state = SsiTxn.State.ABORTED;
        tracked.remove(t);
        purge();
    }

    /**
     * Forgets committed transactions no running one is concurrent with: every transaction still
     * running started after they committed, so no new edge can involve them.
     */
    private void purge() {
        long oldestStart = Long.MAX_VALUE;
        for (SsiTxn t : tracked) {
            if (t.state == SsiTxn.State.ACTIVE) {
                oldestStart = Math.min(oldestStart, t.startSeq);
            }
        }
        List<SsiTxn> gone = new ArrayList<>();
        for (SsiTxn t : tracked) {
            // one past its check but not yet visible (commitSeq still MAX_VALUE) is concurrent with
            // every transaction that starts meanwhile, even when none is running now to count
            if (t.state == SsiTxn.State.COMMITTED && t.commitSeq != Long.MAX_VALUE && t.commitSeq <= oldestStart) {
                gone.add(t);
            }
        }
        if (!gone.isEmpty()) {
            Set<SsiTxn> drop = Collections.newSetFromMap(new IdentityHashMap<>());
            drop.addAll(gone);
            tracked.removeIf(drop::contains);
            for (SsiTxn t : tracked) {
                t.in.removeIf(drop::contains);
                // PostgreSQL's summarized conflict: a committed one forgotten still counts as a
                // committed T_out of this transaction
                if (t.out.removeIf(drop::contains)) {
                    t.outToForgottenCommit = true;
                }
            }
        }
    }

    /** Transactions tracked now (running, or committed and still concurrent with a running one). */
    public synchronized int trackedCount() {
        return tracked.size();
    }

    private static DbException failure(String reason) {
        return DbException.of(SqlState.SERIALIZATION_FAILURE,
                "could not serialize access due to read/write dependencies among transactions")
                .withDetail("Reason code: " + reason).withHint("The transaction might succeed if retried.");
    }
}
