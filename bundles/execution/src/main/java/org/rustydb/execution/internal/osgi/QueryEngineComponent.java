package org.rustydb.execution.internal.osgi;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import java.util.List;

import org.rustydb.api.ResultSink;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.engine.SqlQueryEngine;
import org.rustydb.spi.exec.PreparedQuery;
import org.rustydb.spi.exec.QueryEngine;
import org.rustydb.spi.exec.SessionContext;

/** Registers the SQL query engine for the kernel. */
@Component(service = QueryEngine.class)
public final class QueryEngineComponent implements QueryEngine {
    private final SqlQueryEngine engine = new SqlQueryEngine();

    @Override
    public void execute(SessionContext session, String sql, ResultSink sink) {
        engine.execute(session, sql, sink);
    }

    @Override
    public PreparedQuery prepare(SessionContext session, String sql, List<SqlType> parameterTypes) {
        return engine.prepare(session, sql, parameterTypes);
    }

    @Override
    public void execute(SessionContext session, PreparedQuery statement, List<String> parameters, ResultSink sink) {
        engine.execute(session, statement, parameters, sink);
    }

    @Override
    public void executeBatch(SessionContext session, PreparedQuery statement, List<List<String>> parameterRows,
                             ResultSink sink) {
        engine.executeBatch(session, statement, parameterRows, sink);
    }

    @Override
    public void sessionClosed(long sessionId) {
        engine.sessionClosed(sessionId);
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    @Override
    public String setting(SessionContext session, String name) {
        return engine.setting(session, name);
    }
}
