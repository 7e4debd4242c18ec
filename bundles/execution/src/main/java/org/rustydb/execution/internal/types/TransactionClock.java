package org.rustydb.execution.internal.types;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The start times now() and statement_timestamp() return, for the statement this thread runs.
 * As in PostgreSQL, now() (transaction_timestamp, CURRENT_TIMESTAMP, CURRENT_DATE...) is the same
 * throughout a transaction: the time its first statement (BEGIN, for a block) started. The engine
 * calls {@link #statementStarts} before each statement and {@link #inTransaction} once the
 * statement's transaction is known. Start times of open transactions are kept by transaction
 * object, weakly, so they go with the transactions.
 */
public final class TransactionClock {
    private static final ThreadLocal<Instant[]> CURRENT = ThreadLocal.withInitial(() -> {
        Instant now = now();
        return new Instant[] {now, now};
    });
    /** Weak identity keys without a global lock: every statement of every session looks its transaction up. */
    private static final Cache<Object, Instant> STARTS = Caffeine.newBuilder().weakKeys().build();

    private TransactionClock() {
    }

    /** The current time, to the microsecond (PostgreSQL's resolution). */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A statement starts; {@code openTransaction} is the session's block, or null. */
    public static void statementStarts(Object openTransaction) {
        Instant now = now();
        CURRENT.set(new Instant[] {now, now});
        inTransaction(openTransaction);
    }

    /** The statement runs in {@code transaction}: now() is that transaction's start from here on. */
    public static void inTransaction(Object transaction) {
        if (transaction == null) {
            return;
        }
        Instant[] times = CURRENT.get();
        times[0] = STARTS.get(transaction, t -> times[1]);
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
