package org.rustydb.api;

/** Where a session stands with respect to transactions, as PostgreSQL's ReadyForQuery reports it. */
public enum TransactionStatus {
    /** Not in a transaction block: each statement commits on its own. */
    IDLE('I'),
    /** In a transaction block started with BEGIN. */
    IN_TRANSACTION('T'),
    /** In a failed transaction block: statements are refused until ROLLBACK. */
    FAILED('E');

    private final char indicator;

    TransactionStatus(char indicator) {
        this.indicator = indicator;
    }

    /** The byte PostgreSQL's ReadyForQuery message carries for this status. */
    public char indicator() {
        return indicator;
    }
}
