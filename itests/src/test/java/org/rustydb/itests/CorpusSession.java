package org.rustydb.itests;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rustydb.execution.slt.JdbcExecutor;
import org.rustydb.execution.slt.SltRunner;

/**
 * One corpus file's connection: statements time out after {@link #STATEMENT_TIMEOUT}, a connection
 * the server or the socket timeout broke is replaced (the record fails, the file goes on), and
 * closing it drops the tables and views the file created, so the next file starts from the same
 * empty database. That is cheaper than a server or a database per file, and enough: the corpus
 * creates nothing else that outlives its table (indexes and triggers go with it).
 */
final class CorpusSession implements SltRunner.Executor {
    static final String STATEMENT_TIMEOUT = "10s";
    private static final Pattern CREATE = Pattern.compile(
            "^\\s*CREATE\\s+(?:TEMP\\s+|TEMPORARY\\s+)?(TABLE|VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_][A-Za-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    /** Opens a connection to the database under test. */
    interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;
    private final Set<String> names;
    /** What the file created, by name: TABLE or VIEW (the last one created under that name). */
    private final Map<String, String> created = new LinkedHashMap<>();
    private JdbcExecutor executor;

    CorpusSession(Connector connector, Set<String> names) throws SQLException {
        this.connector = connector;
        this.names = Set.copyOf(names);
        this.executor = open();
    }

    private JdbcExecutor open() throws SQLException {
        Connection connection = connector.open();
        JdbcExecutor opened = new JdbcExecutor(connection, names);
        try {
            opened.execute("SET statement_timeout = '" + STATEMENT_TIMEOUT + "'");
        } catch (SltRunner.SqlError e) {
            opened.close();
            throw new SQLException("cannot set statement_timeout: " + e.getMessage(), e.sqlState());
        }
        return opened;
    }

    @Override
    public Set<String> names() {
        return names;
    }

    @Override
    public SltRunner.Outcome execute(String sql) throws SltRunner.SqlError {
        try {
            SltRunner.Outcome outcome = executor.execute(sql);
            Matcher m = CREATE.matcher(sql);
            if (m.find()) {
                created.put(m.group(2).toLowerCase(Locale.ROOT), m.group(1).toUpperCase(Locale.ROOT));
            }
            return outcome;
        } catch (SltRunner.SqlError e) {
            if (e.sqlState() != null && e.sqlState().startsWith("08")) {
                reconnect(e);
            }
            throw e;
        }
    }

    private void reconnect(SltRunner.SqlError cause) {
        executor.close();
        try {
            executor = open();
        } catch (SQLException e) {
            throw new IllegalStateException("lost the connection (" + cause.getMessage() + ") and cannot reconnect", e);
        }
    }

    /**
     * Drops what the file created (views first: a table drop would cascade to them anyway), then
     * closes the connection. A drop that fails fails the run: the next file would not start clean.
     */
    @Override
    public void close() {
        try {
            // a file may end inside a transaction block, which would swallow the drops
            executor.execute("ROLLBACK");
            for (String kind : new String[] {"VIEW", "TABLE"}) {
                for (Map.Entry<String, String> object : created.entrySet()) {
                    if (object.getValue().equals(kind)) {
                        executor.execute("DROP " + kind + " IF EXISTS " + object.getKey() + " CASCADE");
                    }
                }
            }
        } catch (SltRunner.SqlError e) {
            throw new IllegalStateException("cannot drop what the file created: " + e.sqlState() + " " + e.getMessage(), e);
        } finally {
            executor.close();
        }
    }
}
