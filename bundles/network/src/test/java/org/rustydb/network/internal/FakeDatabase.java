package org.rustydb.network.internal;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.rustydb.api.Column;
import org.rustydb.api.Database;
import org.rustydb.api.DatabaseStatus;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.ResultSink;
import org.rustydb.api.PreparedStatement;
import org.rustydb.api.Session;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.api.TransactionStatus;

/**
 * A database for protocol tests: a handful of fixed statements (split on semicolons) with known
 * results and errors, and a record of what happened to each session.
 */
public final class FakeDatabase implements Database {
    private final AtomicLong nextId = new AtomicLong(1);
    public final List<FakeSession> sessions = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "rustydb";
    }

    @Override
    public Session openSession(String user, Map<String, String> parameters) {
        String db = parameters.get("database");
        if (!name().equals(db)) {
            throw DbException.of(SqlState.INVALID_CATALOG_NAME, "database \"%s\" does not exist", db);
        }
        FakeSession s = new FakeSession(nextId.getAndIncrement(), user, Map.copyOf(parameters));
        sessions.add(s);
        return s;
    }

    @Override
    public DatabaseStatus status() {
        return new DatabaseStatus(true, List.of(), java.time.Instant.now(), sessions.size(), List.of());
    }

    /** A session whose statements are the fixed set below. */
    public static final class FakeSession implements Session {
        private final long id;
        private final String user;
        public final Map<String, String> parameters;
        public final AtomicInteger cancels = new AtomicInteger();
        public final CountDownLatch sleeping = new CountDownLatch(1);
        public volatile boolean closed;
        /** What "set name = value" statements set, by lower-case name; {@link #setting} reads it. */
        public final Map<String, String> settings = new ConcurrentHashMap<>();
        /** Each execution of a prepared statement: its text, then its parameters. */
        public final List<String> executedOnBehalf = new java.util.concurrent.CopyOnWriteArrayList<>();
        public final List<String> executedPrepared = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean cancelRequested;
        private TransactionStatus status = TransactionStatus.IDLE;

        FakeSession(long id, String user, Map<String, String> parameters) {
            this.id = id;
            this.user = user;
            this.parameters = parameters;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public String user() {
            return user;
        }

        @Override
        public String database() {
            return parameters.get("database");
        }

        @Override
        public TransactionStatus transactionStatus() {
            return status;
        }

        @Override
        public String setting(String name) {
            return settings.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
            cancelRequested = true;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void execute(String sql, ResultSink sink) {
            cancelRequested = false;
            for (String statement : sql.split(";")) {
                String s = statement.trim();
                if (s.equalsIgnoreCase("warn me")) {
                    sink.notice(new Notice(Notice.Severity.WARNING, "01000", "careful", "some detail", "some hint"));
                    sink.accept(command("WARN"));
                } else if (s.toLowerCase(Locale.ROOT).startsWith("copy ")) {
                    sink.accept(copy(s.toLowerCase(Locale.ROOT), sink));
                } else if (!s.isEmpty() && !s.startsWith("--")) {
                    sink.accept(run(s.toLowerCase(Locale.ROOT)));
                }
            }
        }

        /**
         * {@code copy from stdin} keeps the bytes the client sends (a line containing "bad" fails the
         * copy there, as a data error would); {@code copy to stdout} sends them back, a line per write.
         */
        private Result copy(String s, ResultSink sink) {
            org.rustydb.api.CopyChannel channel = sink.copyChannel().orElseThrow(
                    () -> DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "no copy channel"));
            try {
                if (s.startsWith("copy from stdin")) {
                    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                            channel.copyIn(2), java.nio.charset.StandardCharsets.UTF_8));
                    StringBuilder all = new StringBuilder();
                    long lines = 0;
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines++;
                        if (line.contains("bad")) {
                            throw DbException.of(SqlState.BAD_COPY_FILE_FORMAT, "bad line")
                                    .withContext("COPY t, line " + lines);
                        }
                        all.append(line).append('\n');
                    }
                    copied = all.toString();
                    return command("COPY " + lines);
                }
                java.io.OutputStream out = channel.copyOut(2);
                long lines = 0;
                for (String line : copied.split("\n", -1)) {
                    if (!line.isEmpty()) {
                        out.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        lines++;
                    }
                }
                out.close();
                return command("COPY " + lines);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** What the last {@code copy from stdin} received. */
        public String copied = "";

        /** A statement prepared by {@link #prepare}: "echo $1 $2..." returns its parameters as text columns. */
        public record FakePrepared(String sql, List<SqlType> parameterTypes, List<Column> columns)
                implements PreparedStatement {
        }

        @Override
        public PreparedStatement prepare(String sql, List<SqlType> declared) {
            String s = sql.trim().toLowerCase(Locale.ROOT);
            if (s.equals("prepare error")) {
                throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"nowhere\" does not exist");
            }
            List<SqlType> types = new java.util.ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$(\\d+)").matcher(s);
            int count = 0;
            while (m.find()) {
                count = Math.max(count, Integer.parseInt(m.group(1)));
            }
            for (int i = 0; i < count; i++) {
                SqlType t = declared != null && i < declared.size() ? declared.get(i) : SqlType.UNKNOWN;
                types.add(t == SqlType.UNKNOWN ? SqlType.TEXT : t);
            }
            List<Column> columns = null;
            if (s.startsWith("echo")) {
                columns = new java.util.ArrayList<>();
                for (int i = 1; i <= count; i++) {
                    columns.add(new Column("p" + i, SqlType.TEXT));
                }
            } else if (s.startsWith("copy ")) {
                columns = List.of(); // as the engine says of COPY: no rows, nothing to run at Describe
            } else if (List.of("select 1", "select rows", "select none", "select many").contains(s)) {
                columns = run(s).columns();
            }
            return new FakePrepared(sql, List.copyOf(types), columns);
        }

        @Override
        public void execute(PreparedStatement statement, List<String> parameters, ResultSink sink) {
            FakePrepared p = (FakePrepared) statement;
            if (parameters.size() != p.parameterTypes().size()) {
                throw DbException.of(SqlState.PROTOCOL_VIOLATION, "wrong parameter count");
            }
            executedPrepared.add(p.sql() + " " + parameters);
            if (p.sql().trim().toLowerCase(Locale.ROOT).startsWith("echo")) {
                sink.accept(rows(p.columns(), List.<Object[]>of(parameters.toArray())));
                return;
            }
            execute(p.sql(), sink);
        }

        @Override
        public void executeOnBehalf(String sql, ResultSink sink) {
            executedOnBehalf.add(sql);
            execute(sql, sink);
        }

        private Result run(String s) {
            if (status == TransactionStatus.FAILED && !s.equals("rollback")) {
                throw DbException.of(SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            switch (s) {
                case "select 1":
                    return rows(List.of(new Column("?column?", SqlType.INTEGER)), List.<Object[]>of(new Object[] {1}));
                case "select rows":
                    return rows(List.of(new Column("id", SqlType.INTEGER), new Column("name", SqlType.TEXT),
                                    new Column("flag", SqlType.BOOLEAN), new Column("big", SqlType.BIGINT),
                                    new Column("small", SqlType.SMALLINT), new Column("code", SqlType.VARCHAR, 10)),
                            List.of(new Object[] {1, "one", true, 10_000_000_000L, (short) 1, "x"},
                                    new Object[] {2, null, false, null, null, null},
                                    new Object[] {3, "naïve ☃", null, -5L, (short) -3, ""}));
                case "select none":
                    return rows(List.of(new Column("id", SqlType.INTEGER)), List.of());
                case "select error":
                    throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"error\"")
                            .withPosition(8).withDetail("some detail").withHint("some hint");
                case "select boom":
                    throw new IllegalStateException("boom");
                case "select fatal":
                    throw DbException.of(SqlState.ADMIN_SHUTDOWN, "terminating connection for the test")
                            .withSeverity(DbException.Severity.FATAL);
                case "select rowerror":
                    return failingRows();
                case "select many":
                    return manyRows(200_000);
                case "select sleep":
                    return sleep();
                case "show application_name":
                    return rows(List.of(new Column("application_name", SqlType.TEXT)),
                            List.<Object[]>of(new Object[] {parameters.get("application_name")}));
                case "begin":
                    status = TransactionStatus.IN_TRANSACTION;
                    return command("BEGIN");
                case "commit":
                    status = TransactionStatus.IDLE;
                    return command("COMMIT");
                case "rollback":
                    status = TransactionStatus.IDLE;
                    return command("ROLLBACK");
                case "fail":
                    if (status == TransactionStatus.IN_TRANSACTION) {
                        status = TransactionStatus.FAILED;
                    }
                    throw DbException.of(SqlState.DIVISION_BY_ZERO, "division by zero");
                case "create table t":
                    return command("CREATE TABLE");
                default:
                    if (s.startsWith("set ")) {
                        String[] parts = s.substring(4).split("\\s*(=|\\sto\\s)\\s*", 2);
                        if (parts.length == 2) {
                            settings.put(parts[0].trim(), parts[1].replace("'", "").trim());
                        }
                        return command("SET");
                    }
                    throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"%s\"", s.split(" ")[0])
                            .withPosition(1);
            }
        }

        private Result sleep() {
            sleeping.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                if (cancelRequested) {
                    throw DbException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return command("SELECT 0");
        }

        private Result failingRows() {
            List<Column> cols = List.of(new Column("x", SqlType.INTEGER));
            return new ListResult(cols, new Iterator<>() {
                private int n;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Object[] next() {
                    if (n++ == 0) {
                        return new Object[] {1};
                    }
                    throw DbException.of(SqlState.DIVISION_BY_ZERO, "division by zero");
                }
            });
        }

        private Result manyRows(int count) {
            List<Column> cols = List.of(new Column("i", SqlType.INTEGER), new Column("t", SqlType.TEXT));
            String padding = "x".repeat(100);
            return new ListResult(cols, new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < count;
                }

                @Override
                public Object[] next() {
                    if (cancelRequested) {
                        throw DbException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                    }
                    i++;
                    return new Object[] {i, padding};
                }
            });
        }
    }

    static Result rows(List<Column> columns, List<Object[]> rows) {
        return Results.rows(columns, rows, "SELECT");
    }

    static Result command(String tag) {
        return Results.command(tag);
    }

    /** A row result read from an iterator; the tag counts the rows handed out. */
    static final class ListResult implements Result {
        private final List<Column> columns;
        private final Iterator<Object[]> rows;
        private int count;

        ListResult(List<Column> columns, Iterator<Object[]> rows) {
            this.columns = columns;
            this.rows = rows;
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
            if (!rows.hasNext()) {
                return null;
            }
            Object[] row = rows.next();
            count++;
            return row;
        }

        @Override
        public String commandTag() {
            return "SELECT " + count;
        }

        @Override
        public void close() {
        }
    }
}
