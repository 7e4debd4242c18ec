package org.rustydb.operations.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.session.SessionInfo;
import org.rustydb.spi.session.SessionRegistry;
import org.rustydb.spi.shell.ShellCommand;

/**
 * The session commands: {@code rustydb:sessions} lists the live sessions as pg_stat_activity shows
 * them, {@code rustydb:cancel <pid>} cancels a session's running statement (its client gets 57014,
 * the session goes on) and {@code rustydb:terminate <pid>} ends a session (its client gets FATAL
 * 57P01), as pg_cancel_backend and pg_terminate_backend do.
 */
public final class SessionCommands {
    /** Queries longer than this are shown cut, so that a row fits a terminal. */
    static final int QUERY_WIDTH = 60;

    private SessionCommands() {
    }

    /** The three commands over the current registry (null while there is none). */
    public static List<ShellCommand> all(Supplier<SessionRegistry> registry) {
        return List.of(new Sessions(registry), new Cancel(registry), new Terminate(registry));
    }

    /** {@code rustydb:sessions}. */
    public static final class Sessions implements ShellCommand {
        private final Supplier<SessionRegistry> registry;

        public Sessions(Supplier<SessionRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public String name() {
            return "sessions";
        }

        @Override
        public String description() {
            return "Lists the open sessions: pid, user, client, application, state, query";
        }

        @Override
        public void execute(List<String> arguments, PrintStream out) {
            Arguments.requireNone(name(), arguments);
            List<SessionInfo> sessions = require(registry).sessions();
            TableFormatter table = new TableFormatter(
                    List.of("pid", "user", "database", "client", "application", "state", "backend start",
                            "query start", "query"),
                    List.of(TableFormatter.Align.RIGHT, TableFormatter.Align.LEFT, TableFormatter.Align.LEFT,
                            TableFormatter.Align.LEFT, TableFormatter.Align.LEFT, TableFormatter.Align.LEFT,
                            TableFormatter.Align.LEFT, TableFormatter.Align.LEFT, TableFormatter.Align.LEFT));
            for (SessionInfo s : sessions) {
                table.addRow(Long.toString(s.id()), s.user(), s.database(), s.clientAddress(), s.applicationName(),
                        s.state().text(), time(s.backendStart()), time(s.queryStart()), oneLine(s.query()));
            }
            table.lines().forEach(out::println);
            out.println(sessions.size() == 1 ? "(1 row)" : "(" + sessions.size() + " rows)");
        }
    }

    /** {@code rustydb:cancel <pid>}. */
    public static final class Cancel implements ShellCommand {
        private final Supplier<SessionRegistry> registry;

        public Cancel(Supplier<SessionRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public String name() {
            return "cancel";
        }

        @Override
        public String description() {
            return "Cancels the statement a session is running (57014), e.g. cancel 12";
        }

        @Override
        public void execute(List<String> arguments, PrintStream out) {
            long pid = pid(name(), arguments);
            if (!require(registry).cancel(pid)) {
                throw noSession(pid);
            }
            out.println("cancel requested for session " + pid);
        }
    }

    /** {@code rustydb:terminate <pid>}. */
    public static final class Terminate implements ShellCommand {
        private final Supplier<SessionRegistry> registry;

        public Terminate(Supplier<SessionRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public String name() {
            return "terminate";
        }

        @Override
        public String description() {
            return "Ends a session and disconnects its client (57P01), e.g. terminate 12";
        }

        @Override
        public void execute(List<String> arguments, PrintStream out) {
            long pid = pid(name(), arguments);
            if (!require(registry).terminate(pid)) {
                throw noSession(pid);
            }
            out.println("terminating session " + pid);
        }
    }

    private static SessionRegistry require(Supplier<SessionRegistry> registry) {
        SessionRegistry r = registry.get();
        if (r == null) {
            throw DbException.of(SqlState.CANNOT_CONNECT_NOW, "no SessionRegistry service is registered")
                    .withHint("Start the org.rustydb.kernel bundle.");
        }
        return r;
    }

    private static long pid(String command, List<String> arguments) {
        if (arguments.size() != 1) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "%s:%s takes one argument, the pid of a session",
                    ShellBridge.SCOPE, command).withHint(ShellBridge.SCOPE + ":sessions lists them.");
        }
        String text = arguments.get(0).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw DbException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type integer: \"%s\"",
                    text);
        }
    }

    private static DbException noSession(long pid) {
        return DbException.of(SqlState.INVALID_PARAMETER_VALUE, "PID %d is not a RustyDB session", pid)
                .withHint(ShellBridge.SCOPE + ":sessions lists them.");
    }

    /** An instant to the second, in UTC; empty for none. */
    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A statement on one line, cut to {@link #QUERY_WIDTH} characters. */
    static String oneLine(String query) {
        String line = query.strip().replaceAll("\\s+", " ");
        return line.codePointCount(0, line.length()) <= QUERY_WIDTH ? line
                : line.substring(0, line.offsetByCodePoints(0, QUERY_WIDTH - 3)) + "...";
    }
}
