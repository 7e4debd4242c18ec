package org.rustydb.client.internal.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.List;

import org.rustydb.api.Column;

/** A forward-only result set reading its rows from a {@link RowStream} batch by batch. */
final class StreamedResultSet extends JdbcResultSet {
    private final RowStream stream;
    private List<Object[]> batch = List.of();
    private List<Object[]> lookahead;
    private int inBatch;
    private int rowNumber;
    private boolean ended;

    StreamedResultSet(Statement statement, List<Column> columns, RowStream stream, ZoneId zone, Runnable onClose) {
        super(statement, columns, List.of(), zone, TYPE_FORWARD_ONLY, onClose);
        this.stream = stream;
    }

    /** The next batch (a looked-ahead one first), null at the end. */
    private List<Object[]> fetch() throws SQLException {
        if (lookahead != null) {
            List<Object[]> b = lookahead;
            lookahead = null;
            return b;
        }
        return ended ? null : stream.nextBatch();
    }

    /** True when rows follow the current one. */
    private boolean more() throws SQLException {
        if (inBatch < batch.size()) {
            return true;
        }
        if (lookahead == null && !ended) {
            lookahead = stream.nextBatch();
            if (lookahead == null) {
                ended = true;
            }
        }
        return lookahead != null;
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (inBatch >= batch.size()) {
            List<Object[]> b = fetch();
            if (b == null) {
                ended = true;
                batch = List.of();
                inBatch = 0;
                if (rowNumber > 0) {
                    rowNumber = -1; // after the last row (an empty result has none)
                }
                position(Integer.MAX_VALUE, null);
                return false;
            }
            batch = b;
            inBatch = 0;
        }
        rowNumber++;
        position(rowNumber - 1, batch.get(inBatch++));
        return true;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return rowNumber == 0 && more();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return rowNumber == -1;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return rowNumber == 1;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return rowNumber > 0 && !more();
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return Math.max(rowNumber, 0);
    }

    /** Keeps the remaining rows readable while the connection runs something else. */
    void detach() {
        stream.detach();
    }

    @Override
    public void close() {
        if (!isClosed()) {
            stream.abandon();
        }
        super.close();
    }
}
