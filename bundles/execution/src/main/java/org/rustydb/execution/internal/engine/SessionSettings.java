package org.rustydb.execution.internal.engine;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.Column;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.parser.SettingCommand;
import org.rustydb.execution.internal.settings.Settings;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * SET, SET LOCAL, RESET and SHOW statements, and the settings the engine acts on. The settings
 * themselves (names, defaults, checks, transactional changes) are {@link Settings}'.
 */
public final class SessionSettings {

    private SessionSettings() {
    }

    /**
     * Runs one statement.
     *
     * @param inTransaction true inside a transaction block or a multi-statement string (PostgreSQL's
     *                      implicit block); SET LOCAL elsewhere only warns, as its effect ends at once
     */
    static void run(SessionContext session, SettingCommand command, ResultSink sink, boolean inTransaction) {
        run(session, null, command, sink, inTransaction);
    }

    /**
     * Runs one statement; {@code current} is the transaction statements run in now (the open
     * block's or an implicit one, or null), whose modes transaction_isolation and
     * transaction_read_only show.
     */
    static void run(SessionContext session, Transaction current, SettingCommand command, ResultSink sink,
                    boolean inTransaction) {
        switch (command.kind()) {
            case SET -> {
                if (command.local() && !inTransaction) {
                    sink.notice(Notice.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                            "SET LOCAL can only be used in transaction blocks"));
                }
                List<String> texts = null;
                List<Boolean> numeric = null;
                if (command.arguments() != null) {
                    texts = command.arguments().stream().map(SettingCommand.Argument::text).toList();
                    numeric = command.arguments().stream().map(SettingCommand.Argument::numeric).toList();
                }
                Settings.set(session, command.name(), Settings.valueOf(command.name(), texts, numeric),
                        command.local(), sink::notice);
                TransactionControl.deliver(sink, "SET");
            }
            case RESET -> {
                if (command.name().equals("all")) {
                    Settings.resetAll(session);
                } else {
                    Settings.set(session, command.name(), null, false, sink::notice);
                }
                TransactionControl.deliver(sink, "RESET");
            }
            case SHOW -> show(session, current, command.name(), sink);
            default -> throw new IllegalStateException("unknown setting command " + command.kind());
        }
    }

    private static void show(SessionContext session, Transaction current, String name, ResultSink sink) {
        List<Object[]> rows = new ArrayList<>();
        List<Column> columns;
        if (name.equals("all")) {
            columns = List.of(new Column("name", SqlType.TEXT), new Column("setting", SqlType.TEXT),
                    new Column("description", SqlType.TEXT));
            for (Settings.Row row : Settings.showAll(session)) {
                rows.add(new Object[] {row.name(), row.setting(), row.description()});
            }
        } else {
            String value = current == null ? Settings.show(session, name) : switch (name) {
                case "transaction_isolation" -> current.isolationLevel().sqlName();
                case "transaction_read_only" -> current.isReadOnly() ? "on" : "off";
                default -> Settings.show(session, name);
            };
            columns = List.of(new Column(Settings.columnName(name), SqlType.TEXT));
            rows.add(new Object[] {value});
        }
        Result result = Results.rows(columns, rows, "SHOW");
        try {
            sink.accept(result);
        } finally {
            result.close();
        }
    }

    /** The isolation level of a transaction begun without one: default_transaction_isolation. */
    static IsolationLevel defaultIsolation(SessionContext session) {
        return Settings.defaultIsolation(session);
    }

    /** statement_timeout in milliseconds, 0 for none. */
    static long statementTimeoutMillis(SessionContext session) {
        return Settings.statementTimeoutMillis(session);
    }

    /** lock_timeout in milliseconds, 0 for none: how long a statement may wait for one lock. */
    public static long lockTimeoutMillis(SessionContext session) {
        return Settings.lockTimeoutMillis(session);
    }
}
