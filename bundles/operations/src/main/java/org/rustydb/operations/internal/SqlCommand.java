package org.rustydb.operations.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.rustydb.api.Column;
import org.rustydb.api.Database;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.api.SqlState;
import org.rustydb.api.TransactionStatus;
import org.rustydb.spi.shell.ShellCommand;

/**
 * {@code rustydb:sql "<statements>"}: runs SQL in a fresh session and prints each result as psql
 * does by default: an aligned table and a row count, or the command tag. Errors print as psql's
 * do (plus the SQLSTATE); results of statements before a failing one stay printed.
 */
public final class SqlCommand implements ShellCommand {
    /** The role shell statements run as. */
    public static final String USER = "rustydb";

    private final Supplier<Database> database;

    /** @param database the current Database service, or null while there is none */
    public SqlCommand(Supplier<Database> database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public String description() {
        return "Runs SQL statements and prints their results, e.g. sql \"select 1\"";
    }

    @Override
    public void execute(List<String> arguments, PrintStream out) {
        // unquoted words arrive as separate arguments; they mean one statement text
        String sql = String.join(" ", arguments).strip();
        if (sql.isEmpty()) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "no SQL given")
                    .withHint("Quote the statements: " + ShellBridge.SCOPE + ":sql \"select 1\"");
        }
        Database db = Arguments.requireDatabase(database);
        try (Session session = db.openSession(USER, Map.of("application_name", "rustydb shell"))) {
            session.execute(sql, new ResultSink() {
                @Override
                public void accept(Result result) {
                    print(result, out);
                }

                @Override
                public void notice(Notice notice) {
                    out.println(notice.severity() + ":  " + notice.message());
                }
            });
            if (session.transactionStatus() == TransactionStatus.IN_TRANSACTION) {
                // the session ends with this command, and closing it rolls back
                out.println("WARNING: the open transaction was rolled back; "
                        + "run BEGIN ... COMMIT in one sql command");
            }
        } catch (DbException e) {
            ErrorFormat.lines(e, sql).forEach(out::println);
        }
    }

    private static void print(Result result, PrintStream out) {
        if (!result.returnsRows()) {
            out.println(result.commandTag());
            return;
        }
        List<Column> columns = result.columns();
        List<String> headers = new ArrayList<>();
        List<TableFormatter.Align> aligns = new ArrayList<>();
        for (Column column : columns) {
            headers.add(column.name());
            aligns.add(column.type().isInteger() ? TableFormatter.Align.RIGHT : TableFormatter.Align.LEFT);
        }
        // read every row before printing: the widths depend on all of them, and an error while
        // reading leaves no half table behind (psql behaves the same)
        TableFormatter table = new TableFormatter(headers, aligns);
        for (Object[] row = result.next(); row != null; row = result.next()) {
            String[] cells = new String[columns.size()];
            for (int i = 0; i < cells.length && i < row.length; i++) {
                cells[i] = text(row[i]);
            }
            table.addRow(cells);
        }
        table.lines().forEach(out::println);
        int rows = table.rowCount();
        out.println(rows == 1 ? "(1 row)" : "(" + rows + " rows)");
        out.println();
    }

    /** A value as psql shows it in text format; NULL is empty. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        }
        return value.toString();
    }
}
