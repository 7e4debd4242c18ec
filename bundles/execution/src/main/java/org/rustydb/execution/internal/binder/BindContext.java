package org.rustydb.execution.internal.binder;

import org.rustydb.execution.internal.parser.SqlSource;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * What binding one statement needs: the session (for functions), the transaction (for catalog
 * lookups) and the source text (for error positions).
 */
public record BindContext(SessionContext session, Transaction transaction, SqlSource source) {

    /** The position of a parsed node, or 0 when unknown. */
    public int pos(Object node) {
        return source.positionOf(node);
    }
}
