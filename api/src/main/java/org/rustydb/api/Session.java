package org.rustydb.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A connection to a database: it runs SQL for one user and holds that user's transaction state.
 *
 * <p>Threading: a session is used by one thread at a time; only {@link #cancel()} may be called
 * from another thread. Lifetime: the opener closes it; closing rolls back an open transaction.
 */
@ProviderType
public interface Session extends AutoCloseable {

    /** A process-wide unique id for this session, reported by the shell and used for cancel. */
    long id();

    /** The user this session runs as. */
    String user();

    /** The database this session is connected to. */
    String database();

    /**
     * Runs one or more statements separated by semicolons, handing each statement's result to
     * {@code sink} as it completes. Stops at the first failing statement.
     *
     * @throws DbException for the failing statement; results of earlier statements were already
     *                     delivered. SQLSTATE 57P03 when the database is unavailable.
     */
    void execute(String sql, ResultSink sink);

    /**
     * Runs statements a front end issues of its own accord rather than its client's (the BEGIN and
     * COMMIT around the extended query protocol's implicit transaction), as
     * {@link #execute(String, ResultSink)} does, except that what the session reports as its
     * current query stays the client's last statement.
     */
    void executeOnBehalf(String sql, ResultSink sink);

    /**
     * Prepares one statement for repeated execution with parameters ($1, $2, ...), as the extended
     * query protocol's Parse does: names resolve now and the parameter types are deduced from their
     * context. Runs in the open transaction block, if any (a failure then fails the block).
     *
     * @param parameterTypes the declared types of the first parameters; {@link SqlType#UNKNOWN} or
     *                       a shorter list leaves a type to be deduced (null: none declared)
     * @throws DbException with its SQLSTATE: a syntax error, an unknown table, more than one
     *                     statement (42601), a parameter whose type cannot be deduced (42P18)...
     */
    PreparedStatement prepare(String sql, java.util.List<SqlType> parameterTypes);

    /**
     * Runs a statement this session prepared, with the transaction semantics a single statement of
     * {@link #execute(String, ResultSink)} has, handing its result to {@code sink}.
     *
     * @param parameters each parameter's value in PostgreSQL's text form (null: SQL NULL), as many
     *                   as the statement has parameters (08P01 otherwise)
     * @throws DbException as {@link #execute(String, ResultSink)}
     */
    void execute(PreparedStatement statement, java.util.List<String> parameters, ResultSink sink);

    /**
     * Runs a statement this session prepared once for each row of parameter values (a JDBC batch),
     * as that many calls of {@link #execute(PreparedStatement, java.util.List, ResultSink)} would,
     * handing each run's result to {@code sink} in order and stopping at the first that fails. In a
     * transaction block an engine may store the rows of a plain one-row INSERT together, as a
     * multi-row INSERT stores its rows: it then delivers the results once all rows are stored. When
     * a row is refused, the executions before it are reported done (the block has failed anyway);
     * when the checks made at the statement's end (foreign keys) fail, none is.
     *
     * @throws DbException as {@link #execute(PreparedStatement, java.util.List, ResultSink)}
     */
    default void executeBatch(PreparedStatement statement, java.util.List<java.util.List<String>> parameterRows,
                              ResultSink sink) {
        for (java.util.List<String> parameters : parameterRows) {
            execute(statement, parameters, sink);
        }
    }

    /** The transaction state after the last statement. */
    TransactionStatus transactionStatus();

    /**
     * The current value of a session setting as {@code SHOW} prints it (e.g. {@code DateStyle} gives
     * {@code ISO, MDY}), so that front ends can report the settings their clients track. Names are
     * matched ignoring case. Null when no such setting exists or the query engine that knows the
     * settings is absent. Call it from the thread that uses the session.
     */
    default String setting(String name) {
        return null;
    }

    /**
     * Asks the running statement, if any, to stop with SQLSTATE 57014. Safe from any thread; a
     * no-op when nothing runs.
     */
    void cancel();

    /** Rolls back an open transaction and frees the session; idempotent. */
    @Override
    void close();
}
