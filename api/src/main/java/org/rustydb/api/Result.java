package org.rustydb.api;

import java.util.List;

/**
 * The outcome of one statement. A statement that returns rows (SELECT) is read as a cursor with
 * {@link #next()}; the command tag is final once the rows are exhausted (or the result is closed).
 *
 * <p>Threading: a result is used by one thread at a time, the thread of the session that made it.
 * Lifetime: the result is valid until {@link #close()} or until the next statement of the session;
 * whoever receives it from a {@link ResultSink} does not need to close it, the session does.
 */
public interface Result extends AutoCloseable {

    /** The columns of the rows, empty for statements that return no rows. */
    List<Column> columns();

    /** True when the statement returns rows (even zero of them). */
    boolean returnsRows();

    /**
     * The next row, or null when there are no more. Values follow {@link SqlType#javaClass()}
     * of their column; SQL NULL is Java null. The array belongs to the caller.
     *
     * @throws DbException if computing the row fails (for example division by zero)
     */
    Object[] next();

    /**
     * The PostgreSQL command tag, such as {@code SELECT 3}, {@code INSERT 0 1} or
     * {@code CREATE TABLE}. For row-returning statements it counts the rows read so far.
     */
    String commandTag();

    /** Frees what the result holds; idempotent. */
    @Override
    void close();
}
