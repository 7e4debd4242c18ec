package org.rustydb.spi.txn;

/** What a lock request does when another transaction holds a conflicting lock. */
public enum WaitPolicy {
    /** Waits until the lock is free, lock_timeout passes (55P03) or a deadlock is found (40P01). */
    WAIT,
    /** Fails at once with 55P03. */
    NOWAIT,
    /** Gives up at once without an error (SELECT ... SKIP LOCKED skips the row). */
    SKIP_LOCKED
}
