package org.rustydb.execution.slt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rustydb.api.Column;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.execution.internal.engine.SqlQueryEngine;
import org.rustydb.execution.internal.function.BuiltinFunctions;
import org.rustydb.execution.internal.plan.RecordingStorage;
import org.rustydb.kernel.internal.KernelDatabase;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.storage.memory.internal.MemoryStorageEngine;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** A kernel database wired in plain Java with the in-memory engine (by default) and this bundle's query engine. */
public final class TestDatabase {
    private final KernelDatabase database = new KernelDatabase("rustydb");
    private final StorageEngine storage;

    /** Over the memory engine, through a wrapper that hands scans only the columns they ask for. */
    public TestDatabase() {
        this(new RecordingStorage(new MemoryStorageEngine(), false));
    }

    /** With another storage engine, e.g. a recording wrapper around the memory engine. */
    public TestDatabase(StorageEngine storage) {
        this(storage, new SqlQueryEngine());
    }

    /** With the given query engine, for tests that look into it. */
    public TestDatabase(StorageEngine storage, SqlQueryEngine engine) {
        this.storage = storage;
        database.bindStorage(storage);
        database.bindTransactionManager(new TransactionCoordinator());
        database.bindQueryEngine(engine);
        for (SqlFunction f : BuiltinFunctions.all()) {
            database.extensions().addFunction(f);
        }
    }

    public StorageEngine storage() {
        return storage;
    }

    public KernelDatabase kernel() {
        return database;
    }

    public Session open() {
        return database.openSession("test", Map.of());
    }

    /** What one statement produced, read fully inside the sink. */
    public record Outcome(String tag, List<Column> columns, List<Object[]> rows) {
    }

    /** Runs SQL and collects each statement's outcome. */
    public static List<Outcome> run(Session session, String sql) {
        List<Outcome> outcomes = new ArrayList<>();
        session.execute(sql, result -> outcomes.add(read(result)));
        return outcomes;
    }

    /** Runs SQL, reading each result fully, and adds the notices it raises to {@code notices}. */
    public static void run(Session session, String sql, List<Notice> notices) {
        session.execute(sql, new ResultSink() {
            @Override
            public void accept(Result result) {
                read(result);
            }

            @Override
            public void notice(Notice notice) {
                notices.add(notice);
            }
        });
    }

    static Outcome read(Result result) {
        List<Object[]> rows = new ArrayList<>();
        Object[] row;
        while ((row = result.next()) != null) {
            rows.add(row);
        }
        return new Outcome(result.commandTag(), result.columns(), rows);
    }
}
