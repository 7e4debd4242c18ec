package org.rustydb.execution.internal.osgi;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.rustydb.api.ResultSink;
import org.rustydb.execution.internal.engine.SqlQueryEngine;
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

    @Deactivate
    void deactivate() {
        engine.close();
    }

    @Override
    public String setting(SessionContext session, String name) {
        return engine.setting(session, name);
    }
}
