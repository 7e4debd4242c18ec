package org.rustydb.execution.internal.binder;

import org.rustydb.api.Notice;
import org.rustydb.api.ResultSink;
import org.rustydb.execution.internal.parser.SqlSource;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * What binding one statement needs: the session (for functions), the transaction (for catalog
 * lookups), the source text (for error positions) and where its notices go.
 */
public record BindContext(SessionContext session, Transaction transaction, SqlSource source,
                          ResultSink notices) {

    /** Raises a notice, e.g. PostgreSQL's {@code relation "t" already exists, skipping}. */
    public void notice(Notice notice) {
        notices.notice(notice);
    }

    /** The position of a parsed node, or 0 when unknown. */
    public int pos(Object node) {
        return source.positionOf(node);
    }
}
