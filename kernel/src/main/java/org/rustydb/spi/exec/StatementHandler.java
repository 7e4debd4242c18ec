package org.rustydb.spi.exec;

import org.osgi.annotation.versioning.ConsumerType;
import org.rustydb.api.ResultSink;

/**
 * Runs statements that begin with one keyword, extending the statement set without touching the
 * parser (for example {@code CHECKPOINT}). While registered it takes precedence over the query
 * engine's own handling of that keyword. Implementations must be thread-safe.
 */
@ConsumerType
public interface StatementHandler {

    /**
     * The leading keyword, upper case, e.g. {@code CHECKPOINT}; or the first two keywords joined
     * by one space, e.g. {@code CREATE ROLE}, to take over statements whose first keyword the
     * query engine also handles. A pair takes precedence over a single keyword.
     */
    String keyword();

    /**
     * Runs one statement (its text without the terminating semicolon) inside the session's
     * current transaction, handing its result to {@code sink}.
     */
    void execute(SessionContext session, String statement, ResultSink sink);
}
