package org.rustydb.operations.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.rustydb.api.Column;
import org.rustydb.api.Database;
import org.rustydb.api.DatabaseStatus;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.api.TransactionStatus;

/** A Database for command tests: statements are answered by a test-supplied function. */
final class FakeDatabase implements Database {
    DatabaseStatus status = new DatabaseStatus(true, List.of(), Instant.parse("2026-01-01T00:00:00Z"), 0, List.of());
    BiConsumer<String, ResultSink> executor = (sql, sink) -> { };
    TransactionStatus transactionStatus = TransactionStatus.IDLE;
    final List<FakeSession> sessions = new ArrayList<>();

    @Override
    public String name() {
        return "rustydb";
    }

    @Override
    public Session openSession(String user, Map<String, String> parameters) {
        FakeSession session = new FakeSession(user);
        sessions.add(session);
        return session;
    }

    @Override
    public DatabaseStatus status() {
        return status;
    }

    final class FakeSession implements Session {
        final String user;
        final List<String> executed = new ArrayList<>();
        boolean closed;

        FakeSession(String user) {
            this.user = user;
        }

        @Override
        public long id() {
            return sessions.indexOf(this) + 1;
        }

        @Override
        public String user() {
            return user;
        }

        @Override
        public String database() {
            return name();
        }

        @Override
        public void execute(String sql, ResultSink sink) {
            executed.add(sql);
            executor.accept(sql, sink);
        }

        @Override
        public void executeOnBehalf(String sql, ResultSink sink) {
            execute(sql, sink);
        }

        @Override
        public org.rustydb.api.PreparedStatement prepare(String sql, List<org.rustydb.api.SqlType> parameterTypes) {
            throw new UnsupportedOperationException("the shell commands do not prepare statements");
        }

        @Override
        public void execute(org.rustydb.api.PreparedStatement statement, List<String> parameters, ResultSink sink) {
            throw new UnsupportedOperationException("the shell commands do not prepare statements");
        }

        @Override
        public TransactionStatus transactionStatus() {
            return transactionStatus;
        }

        @Override
        public void cancel() {
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A result over fixed rows; {@code failAt} >= 0 makes next() throw there instead. */
    static final class FakeResult implements Result {
        private final List<Column> columns;
        private final List<Object[]> rows;
        private final String tag;
        private final RuntimeException failure;
        private final int failAt;
        private int position;

        private FakeResult(List<Column> columns, List<Object[]> rows, String tag, RuntimeException failure,
                           int failAt) {
            this.columns = columns;
            this.rows = rows;
            this.tag = tag;
            this.failure = failure;
            this.failAt = failAt;
        }

        static FakeResult rows(List<Column> columns, Object[]... rows) {
            return new FakeResult(columns, List.of(rows), null, null, -1);
        }

        static FakeResult failingAt(int index, RuntimeException failure, List<Column> columns, Object[]... rows) {
            return new FakeResult(columns, List.of(rows), null, failure, index);
        }

        static FakeResult command(String tag) {
            return new FakeResult(List.of(), List.of(), tag, null, -1);
        }

        @Override
        public List<Column> columns() {
            return columns;
        }

        @Override
        public boolean returnsRows() {
            return tag == null;
        }

        @Override
        public Object[] next() {
            if (position == failAt) {
                throw failure;
            }
            return position < rows.size() ? rows.get(position++).clone() : null;
        }

        @Override
        public String commandTag() {
            return tag != null ? tag : "SELECT " + position;
        }

        @Override
        public void close() {
        }
    }
}
