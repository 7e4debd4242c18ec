package org.rustydb.execution.internal.types;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.rustydb.spi.txn.Transaction;

/**
 * The start times now() and statement_timestamp() return, for the statement this thread runs.
 * As in PostgreSQL, now() (transaction_timestamp, CURRENT_TIMESTAMP, CURRENT_DATE...) is the same
 * throughout a transaction: the time its first statement (BEGIN, for a block) started. The engine
 * calls {@link #statementStarts} before each statement and {@link #inTransaction} once the
 * statement's transaction is known. The start time of a session's current transaction is kept
 * per session (a session runs one statement at a time): a new transaction replaces it, which needs
 * no weak-key cache insert per transaction. Only if the transaction replaced is still open (the
 * session ran a statement in another transaction meanwhile) is its start set aside, by transaction
 * object, weakly, so it goes with the transaction.
 */
public final class TransactionClock {
    private static final ThreadLocal<Instant[]> CURRENT = ThreadLocal.withInitial(() -> {
        Instant now = now();
        return new Instant[] {now, now};
    });
    /** Per session, its latest transaction and when it started. */
    private static final Map<Long, Started> LATEST = new ConcurrentHashMap<>();
    /** Start times of open transactions a session left for another one. */
    private static final Cache<Transaction, Instant> SET_ASIDE = Caffeine.newBuilder().weakKeys().build();
    /** Whether {@link #SET_ASIDE} was ever written to (set before the write). */
    private static volatile boolean anySetAside;

    private record Started(Transaction transaction, Instant start) {
    }

    private TransactionClock() {
    }

    /** The current time, to the microsecond (PostgreSQL's resolution). */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A statement of {@code session} starts; {@code openTransaction} is the session's block, or null. */
    public static void statementStarts(long session, Transaction openTransaction) {
        Instant now = now();
        CURRENT.set(new Instant[] {now, now});
        inTransaction(session, openTransaction);
    }

    /** The statement runs in {@code transaction}: now() is that transaction's start from here on. */
    public static void inTransaction(long session, Transaction transaction) {
        if (transaction == null) {
            return;
        }
        Instant[] times = CURRENT.get();
        Started latest = LATEST.get(session);
        if (latest != null && latest.transaction() == transaction) {
            times[0] = latest.start();
            return;
        }
        // a new transaction is never set aside: look only once some session has left one open
        Instant start = anySetAside ? SET_ASIDE.getIfPresent(transaction) : null;
        if (start == null) {
            start = times[1];
        }
        if (latest != null && latest.transaction().state() == Transaction.State.ACTIVE) {
            anySetAside = true;
            SET_ASIDE.put(latest.transaction(), latest.start());
        }
        LATEST.put(session, new Started(transaction, start));
        times[0] = start;
    }

    /** Forgets a closed session's transaction. */
    public static void sessionClosed(long session) {
        LATEST.remove(session);
    }

    /** now(), transaction_timestamp(), CURRENT_TIMESTAMP. */
    public static Instant transactionStart() {
        return CURRENT.get()[0];
    }

    /** statement_timestamp(). */
    public static Instant statementStart() {
        return CURRENT.get()[1];
    }
}
