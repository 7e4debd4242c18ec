package org.rustydb.execution.internal.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Proxy;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.spi.txn.Transaction;

/** now() is the start of the transaction's first statement, however the session moves between transactions. */
class TransactionClockTest {
    private static final long SESSION = -4711;

    /** A transaction whose state the test sets. */
    private static final class Txn {
        Transaction.State state = Transaction.State.ACTIVE;
        final Transaction proxy = (Transaction) Proxy.newProxyInstance(Transaction.class.getClassLoader(),
                new Class<?>[] {Transaction.class}, (p, method, args) -> switch (method.getName()) {
                    case "state" -> state;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @AfterEach
    void close() {
        TransactionClock.sessionClosed(SESSION);
    }

    private static Instant statementIn(Txn txn) throws InterruptedException {
        Thread.sleep(2); // the clock has microseconds: each statement starts at a later time
        TransactionClock.statementStarts(SESSION, null);
        TransactionClock.inTransaction(SESSION, txn.proxy);
        return TransactionClock.transactionStart();
    }

    @Test
    void aTransactionKeepsTheStartOfItsFirstStatement() throws InterruptedException {
        Txn first = new Txn();
        Instant start = statementIn(first);
        assertEquals(start, statementIn(first));
        assertNotEquals(start, TransactionClock.statementStart());
        first.state = Transaction.State.COMMITTED;
        Txn second = new Txn();
        Instant next = statementIn(second);
        assertNotEquals(start, next);
        assertEquals(next, statementIn(second));
    }

    @Test
    void anOpenTransactionTheSessionLeftKeepsItsStart() throws InterruptedException {
        Txn block = new Txn();
        Instant start = statementIn(block);
        Txn other = new Txn(); // a statement of the session in a transaction of its own meanwhile
        Instant otherStart = statementIn(other);
        assertNotEquals(start, otherStart);
        other.state = Transaction.State.COMMITTED;
        assertEquals(start, statementIn(block));
        assertEquals(start, statementIn(block));
    }

    @Test
    void sessionsAreApart() throws InterruptedException {
        Txn mine = new Txn();
        Instant start = statementIn(mine);
        Txn theirs = new Txn();
        Thread.sleep(2);
        TransactionClock.statementStarts(SESSION - 1, theirs.proxy);
        Instant theirStart = TransactionClock.transactionStart();
        TransactionClock.sessionClosed(SESSION - 1);
        assertNotEquals(start, theirStart);
        assertEquals(start, statementIn(mine));
    }
}
