package org.rustydb.kernel.internal;

import java.util.List;

import org.rustydb.api.ResultSink;
import org.rustydb.api.SqlType;
import org.rustydb.spi.exec.PreparedQuery;
import org.rustydb.spi.exec.QueryEngine;
import org.rustydb.spi.exec.SessionContext;

/** A query engine for kernel tests that only runs SQL text; the kernel never prepares statements itself. */
@FunctionalInterface
interface TextQueryEngine extends QueryEngine {
    @Override
    default PreparedQuery prepare(SessionContext session, String sql, List<SqlType> parameterTypes) {
        throw new UnsupportedOperationException("the kernel does not prepare statements");
    }

    @Override
    default void execute(SessionContext session, PreparedQuery statement, List<String> parameters, ResultSink sink) {
        throw new UnsupportedOperationException("the kernel does not prepare statements");
    }
}
