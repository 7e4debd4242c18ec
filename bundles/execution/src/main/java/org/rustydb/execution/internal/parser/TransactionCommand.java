package org.rustydb.execution.internal.parser;

import org.rustydb.api.IsolationLevel;

/**
 * A transaction control statement.
 *
 * @param kind      what it does
 * @param isolation the isolation level asked for by BEGIN or SET TRANSACTION, or null for none
 * @param readOnly  READ ONLY / READ WRITE from BEGIN or SET TRANSACTION, or null for none
 * @param tag       the command tag on success, e.g. BEGIN or START TRANSACTION
 * @param savepoint the savepoint name of SAVEPOINT, RELEASE and ROLLBACK TO, else null
 */
public record TransactionCommand(Kind kind, IsolationLevel isolation, Boolean readOnly, String tag, String savepoint) {

    public enum Kind { BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO, SET_TRANSACTION }

    static TransactionCommand savepointCommand(Kind kind, String name) {
        String tag = switch (kind) {
            case SAVEPOINT -> "SAVEPOINT";
            case RELEASE -> "RELEASE";
            default -> "ROLLBACK";
        };
        return new TransactionCommand(kind, null, null, tag, name);
    }

    /** The statement's name in PostgreSQL's messages, e.g. {@code ROLLBACK TO SAVEPOINT}. */
    public String statementName() {
        return switch (kind) {
            case SAVEPOINT -> "SAVEPOINT";
            case RELEASE -> "RELEASE SAVEPOINT";
            case ROLLBACK_TO -> "ROLLBACK TO SAVEPOINT";
            case SET_TRANSACTION -> "SET TRANSACTION";
            default -> tag;
        };
    }
}
