package org.rustydb.client.internal.jdbc;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.rustydb.api.Column;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;

/**
 * One statement whose rows are handed over in batches while it runs (a forward-only result set
 * with a fetch size): the engine's result is only valid inside its sink, so the statement runs on
 * the connection's worker thread and its sink passes batches of {@code fetchSize} rows through a
 * small queue, waiting while the application has not taken them. Memory stays at a few batches
 * whatever the result's size. The statement's transaction ends when the rows are read, the result
 * set is closed, or the connection needs its session for something else ({@link #detach()}: the
 * remaining rows are then read into memory so the result set stays valid).
 */
final class RowStream {
    /** The first event of a result that returns rows. */
    record Header(List<Column> columns) {
    }

    private static final Object END = new Object();
    private static final Object DONE = new Object();

    private final BlockingQueue<Object> events = new ArrayBlockingQueue<>(2);
    private final Deque<Object> detached = new ArrayDeque<>();
    private final int fetchSize;
    private final long maxRows;
    private final Consumer<Notice> notices;
    private volatile boolean abandoned;
    private volatile SQLException failure;
    private boolean finished;

    private RowStream(int fetchSize, long maxRows, Consumer<Notice> notices) {
        this.fetchSize = fetchSize;
        this.maxRows = maxRows;
        this.notices = notices;
    }

    /** Something to run on the worker with the stream's sink; may throw SQLException. */
    interface Body {
        void run(ResultSink sink) throws SQLException;
    }

    /** Starts the statement on the worker; {@code whenDone} runs there after it ended. */
    static RowStream start(ExecutorService worker, int fetchSize, long maxRows, Consumer<Notice> notices,
                           Body body, Runnable whenDone) {
        RowStream stream = new RowStream(fetchSize, maxRows, notices);
        worker.execute(() -> {
            try {
                body.run(stream.sink());
            } catch (SQLException e) {
                stream.failure = e;
            } catch (RuntimeException | Error e) {
                stream.failure = new SQLException("internal error: " + e, "XX000", e);
            } finally {
                whenDone.run();
                stream.put(DONE, true);
            }
        });
        return stream;
    }

    private ResultSink sink() {
        return new ResultSink() {
            @Override
            public void accept(Result result) {
                if (abandoned) {
                    return;
                }
                if (!result.returnsRows()) {
                    put(new Outcome(null, List.of(), result.commandTag()), false);
                    return;
                }
                put(new Header(List.copyOf(result.columns())), false);
                long read = 0;
                while (!abandoned) {
                    List<Object[]> batch = new ArrayList<>(fetchSize);
                    Object[] row;
                    while (batch.size() < fetchSize && (maxRows == 0 || read < maxRows)
                            && (row = result.next()) != null) {
                        batch.add(row);
                        read++;
                    }
                    if (!batch.isEmpty()) {
                        put(batch, false);
                    }
                    if (batch.size() < fetchSize) {
                        break;
                    }
                }
                put(END, false);
            }

            @Override
            public void notice(Notice notice) {
                notices.accept(notice);
            }
        };
    }

    /** Hands an event to the application; an abandoned stream drops all but the last. */
    private void put(Object event, boolean last) {
        try {
            while (!events.offer(event, 20, TimeUnit.MILLISECONDS)) {
                if (abandoned && !last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = true;
        }
    }

    private Object take() throws SQLException {
        if (!detached.isEmpty()) {
            return detached.poll();
        }
        try {
            return events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for rows", "57014", e);
        }
    }

    /**
     * The statement's first event: a {@link Header} for rows, an {@link Outcome} for a command, or
     * null when it ended without a result; throws its error.
     */
    Object first() throws SQLException {
        Object event = take();
        if (event == DONE) {
            finished = true;
            throwFailure();
            return null;
        }
        if (event instanceof Outcome) {
            awaitDone();
        }
        return event;
    }

    /** The next batch of rows, or null after the last (once the statement ended; its error is thrown). */
    @SuppressWarnings("unchecked")
    List<Object[]> nextBatch() throws SQLException {
        if (finished) {
            return null;
        }
        Object event = take();
        if (event instanceof List<?> batch) {
            return (List<Object[]>) batch;
        }
        if (event == END) {
            awaitDone();
            return null;
        }
        finished = true; // DONE before END: the statement failed while producing rows
        throwFailure();
        return null;
    }

    private void awaitDone() throws SQLException {
        while (!finished) {
            if (take() == DONE) {
                finished = true;
            }
        }
        throwFailure();
    }

    private void throwFailure() throws SQLException {
        SQLException e = failure;
        if (e != null) {
            failure = null;
            throw e;
        }
    }

    /** Reads what is left into memory, so the session is free while the rows stay readable. */
    void detach() {
        while (!finished) {
            try {
                Object event = events.take();
                detached.add(event);
                if (event == DONE) {
                    return; // the result set meets DONE (and any error) in its turn
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon();
                return;
            }
        }
    }

    /** Stops reading rows (the statement ends as soon as its sink returns) and waits for it to end. */
    void abandon() {
        abandoned = true;
        if (detached.contains(DONE)) {
            finished = true; // already read to its end by detach()
        }
        detached.clear();
        while (!finished) {
            try {
                if (events.take() == DONE) {
                    finished = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        failure = null;
    }

    boolean finished() {
        return finished;
    }
}
