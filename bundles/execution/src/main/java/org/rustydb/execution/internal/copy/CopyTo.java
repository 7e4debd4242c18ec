package org.rustydb.execution.internal.copy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;

import net.sf.jsqlparser.statement.select.Select;

import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.api.ValueText;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.BoundQuery;
import org.rustydb.execution.internal.binder.QueryBinder;
import org.rustydb.execution.internal.exec.PlanExecutor;
import org.rustydb.execution.internal.exec.RowSource;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.parser.SqlParser;
import org.rustydb.execution.internal.settings.Settings;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;

/**
 * COPY table or (query) TO STDOUT: runs the query and writes each row as it comes, so a copy of
 * any size holds one row at a time. A table is copied as {@code SELECT columns FROM table}.
 */
final class CopyTo {
    private CopyTo() {
    }

    static Result run(BindContext ctx, CopyCommand command, java.util.function.IntFunction<OutputStream> output) {
        ParsedStatement.Sql parsed;
        if (command.table() != null) {
            TableHandle table = CopyRunner.table(ctx, command.table(), false, command.columns());
            TableDefinition def = table.definition();
            int[] targets = CopyColumns.targets(def, command.columns());
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < targets.length; i++) {
                sql.append(i > 0 ? ", " : "").append(Identifiers.quote(def.columns().get(targets[i]).name()));
            }
            sql.append(" FROM ").append(Identifiers.quote(def.schema())).append('.')
                    .append(Identifiers.quote(def.name()));
            parsed = SqlParser.parseQuery(sql.toString());
        } else {
            parsed = SqlParser.parseQuery(command.query());
        }
        BindContext queryCtx = new BindContext(ctx.session(), ctx.transaction(), parsed.source(), ctx.notices());
        BoundQuery query = new QueryBinder(queryCtx).bind((Select) parsed.statement());
        org.rustydb.execution.internal.privilege.AccessControl.checkQuery(ctx.session(), ctx.transaction(),
                queryCtx.dependencies(), query.plan());
        List<Column> columns = query.columns();
        boolean[] forceQuote = forceQuote(command.options().forceQuote(), columns);
        ZoneId zone = ValueText.zoneOf(Settings.showOrNull(ctx.session(), "TimeZone"));
        long count = 0;
        try (RowSource rows = PlanExecutor.open(query.plan(), ctx.session(), ctx.transaction())) {
            OutputStream out = output.apply(columns.size());
            CopyWriter writer = new CopyWriter(out, command.options(), forceQuote);
            String[] values = new String[columns.size()];
            SqlType[] types = new SqlType[columns.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = columns.get(i).type();
            }
            if (command.options().header()) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = columns.get(i).name();
                }
                writer.writeHeader(values);
            }
            Object[] row;
            while ((row = rows.next()) != null) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = row[i] == null ? null : ValueText.format(row[i], types[i], zone);
                }
                writer.writeRow(values);
                count++;
            }
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Results.command("COPY " + count);
    }

    private static boolean[] forceQuote(CopyOptions.ColumnList list, List<Column> columns) {
        boolean[] flags = new boolean[columns.size()];
        if (list == null) {
            return flags;
        }
        if (list.names() == null) {
            java.util.Arrays.fill(flags, true);
            return flags;
        }
        for (String name : list.names()) {
            boolean found = false;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(name)) {
                    flags[i] = true;
                    found = true;
                }
            }
            if (!found) {
                throw DbException.of(SqlState.INVALID_COLUMN_REFERENCE, "FORCE_QUOTE column \"%s\" not referenced by COPY",
                        name);
            }
        }
        return flags;
    }
}
