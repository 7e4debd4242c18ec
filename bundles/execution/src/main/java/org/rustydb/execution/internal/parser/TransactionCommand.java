package org.rustydb.execution.internal.parser;

import org.rustydb.api.IsolationLevel;

/**
 * A transaction control statement.
 *
 * @param kind      what it does
 * @param isolation the isolation level asked for by BEGIN, or null for the default
 * @param readOnly  READ ONLY / READ WRITE from BEGIN, or null for the default
 * @param tag       the command tag on success, e.g. BEGIN or START TRANSACTION
 */
public record TransactionCommand(Kind kind, IsolationLevel isolation, Boolean readOnly, String tag) {

    public enum Kind { BEGIN, COMMIT, ROLLBACK }
}
