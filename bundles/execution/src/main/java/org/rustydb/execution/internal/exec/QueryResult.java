package org.rustydb.execution.internal.exec;

import java.util.List;

import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.Result;
import org.rustydb.execution.internal.StackDepth;

/**
 * The rows of a query, computed as the reader pulls them. A failure while reading is remembered
 * so that the engine fails the statement (and its transaction) even if the reader swallowed it.
 */
public final class QueryResult implements Result {
    private final List<Column> columns;
    private final RowSource source;
    private long count;
    private boolean exhausted;
    private boolean closed;
    private DbException failure;
    private final Runnable onClose;

    public QueryResult(List<Column> columns, RowSource source) {
        this(columns, source, () -> { });
    }

    /** With something to do once the rows are closed (e.g. give back the plan they came from). */
    public QueryResult(List<Column> columns, RowSource source, Runnable onClose) {
        this.columns = List.copyOf(columns);
        this.source = source;
        this.onClose = onClose;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean returnsRows() {
        return true;
    }

    @Override
    public Object[] next() {
        if (exhausted || closed) {
            return null;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            Object[] row = source.next();
            if (row == null) {
                exhausted = true;
                return null;
            }
            count++;
            return row.clone();
        } catch (RuntimeException e) {
            failure = DbException.wrap(e);
            throw failure;
        } catch (StackOverflowError e) {
            failure = StackDepth.exceeded();
            throw failure;
        }
    }

    /** The failure raised while reading rows, or null. */
    public DbException failure() {
        return failure;
    }

    @Override
    public String commandTag() {
        return "SELECT " + count;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                source.close();
            } finally {
                onClose.run();
            }
        }
    }
}
