package org.rustydb.execution.internal.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.ColumnDefaults;
import org.rustydb.execution.internal.binder.TableLocking;
import org.rustydb.execution.internal.constraint.TransactionConstraints;
import org.rustydb.execution.internal.ddl.AutoAnalyze;
import org.rustydb.execution.internal.exec.DmlExecutor;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.LockMode;

/**
 * COPY table FROM STDIN: parses rows as they arrive and inserts each at once, through the same
 * input functions, type modifiers, defaults and constraints as INSERT. Any error fails the whole
 * statement (its transaction rolls back, as PostgreSQL's does), with the line and column in the
 * error's context.
 */
final class CopyFrom {
    private static final Object[] NO_ROW = new Object[0];

    private final BindContext ctx;
    private final CopyCommand command;
    private final TableHandle table;
    private final int width;
    private final int[] targets;
    private final DataType[] types;
    /** The types without their modifiers: what the input functions parse to, before the typmod applies. */
    private final DataType[] baseTypes;
    private final String[] names;
    private final boolean[] forceNotNull;
    private final boolean[] forceNull;
    private final int[] defaultTargets;
    private final BoundExpr[] defaults;
    private CopyReader reader;
    private boolean inRow;

    private CopyFrom(BindContext ctx, CopyCommand command) {
        this.ctx = ctx;
        this.command = command;
        this.table = TableLocking.lock(ctx, CopyRunner.table(ctx, command.table(), true, command.columns()),
                LockMode.ROW_EXCLUSIVE);
        TableDefinition def = table.definition();
        this.width = def.columns().size();
        this.targets = CopyColumns.targets(def, command.columns());
        this.types = new DataType[targets.length];
        this.baseTypes = new DataType[targets.length];
        this.names = new String[targets.length];
        for (int i = 0; i < targets.length; i++) {
            ColumnDefinition column = def.columns().get(targets[i]);
            types[i] = new DataType(column.type(), column.typeModifier());
            baseTypes[i] = DataType.of(column.type());
            names[i] = column.name();
        }
        CopyOptions options = command.options();
        this.forceNotNull = CopyColumns.flags(def, targets, options.forceNotNull(), "FORCE_NOT_NULL");
        this.forceNull = CopyColumns.flags(def, targets, options.forceNull(), "FORCE_NULL");
        Set<Integer> given = new HashSet<>();
        for (int t : targets) {
            given.add(t);
        }
        List<Integer> withDefault = new ArrayList<>();
        List<BoundExpr> exprs = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            ColumnDefinition column = def.columns().get(i);
            if (!given.contains(i) && column.defaultExpression() != null) {
                withDefault.add(i);
                exprs.add(ColumnDefaults.bind(ctx, column));
            }
        }
        this.defaultTargets = withDefault.stream().mapToInt(Integer::intValue).toArray();
        this.defaults = exprs.toArray(new BoundExpr[0]);
    }

    static Result run(BindContext ctx, CopyCommand command, java.util.function.IntFunction<InputStream> input,
                      TransactionConstraints.Registry registry, AutoAnalyze autoAnalyze) {
        if (ctx.transaction().isReadOnly()) {
            throw DbException.of(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute COPY FROM in a read-only transaction");
        }
        CopyFrom copy = new CopyFrom(ctx, command);
        // the functions the defaults call need EXECUTE, as an INSERT's do
        org.rustydb.execution.internal.privilege.AccessControl.check(ctx.session(), ctx.transaction(),
                ctx.dependencies(), () -> null);
        return copy.load(input.apply(copy.targets.length), registry, autoAnalyze);
    }

    /** Where errors happen, as PostgreSQL's CONTEXT names them. */
    private String where() {
        return "COPY " + table.definition().name() + ", line " + reader.lineNumber();
    }

    private Result load(InputStream input, TransactionConstraints.Registry registry, AutoAnalyze autoAnalyze) {
        reader = new CopyReader(input, command.options());
        DmlExecutor executor = new DmlExecutor(ctx.session(), ctx.transaction(), registry);
        long count;
        try {
            if (command.options().header()) {
                readHeader();
            }
            // a row the storage engine refuses (a duplicate key) is named by its line alone, as PostgreSQL does
            count = executor.insertAll(table, this::nextRow, reader::lineNumber,
                    line -> "COPY " + table.definition().name() + ", line " + line);
            reader.drain();
        } catch (DbException e) {
            if (e.context() != null || reader.lineNumber() == 0 || !inRow) {
                throw e;
            }
            throw e.withContext(where() + ": \"" + reader.lineText() + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            throw e;
        }
        autoAnalyze.written(ctx.transaction(), ctx.session().storage(), ctx.session().transactions(),
                executor.written());
        return Results.command("COPY " + count);
    }

    private void readHeader() throws IOException {
        if (!command.options().headerMatch()) {
            reader.skipLine();
            return;
        }
        inRow = true;
        if (!reader.next()) {
            return;
        }
        if (reader.fieldCount() != names.length) {
            throw DbException.of(SqlState.BAD_COPY_FILE_FORMAT, "wrong number of fields in header line: got %d, expected %d",
                    reader.fieldCount(), names.length);
        }
        for (int i = 0; i < names.length; i++) {
            String got = reader.fields()[i];
            if (got == null) {
                throw DbException.of(SqlState.BAD_COPY_FILE_FORMAT, "column name mismatch in header line field %d: got null value (\"%s\"), expected \"%s\"",
                        i + 1, command.options().nullText(), names[i]);
            }
            if (!got.equals(names[i])) {
                throw DbException.of(SqlState.BAD_COPY_FILE_FORMAT,
                        "column name mismatch in header line field %d: got \"%s\", expected \"%s\"", i + 1, got,
                        names[i]);
            }
        }
        inRow = false;
    }

    /** The next row to insert, or null at the end of the data. */
    private Object[] nextRow() {
        inRow = false;
        boolean more;
        try {
            more = reader.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DbException e) {
            throw e.context() != null ? e : e.withContext(where());
        }
        if (!more) {
            return null;
        }
        inRow = true;
        int count = reader.fieldCount();
        String[] fields = reader.fields();
        if (count > targets.length && !(targets.length == 0 && count == 1 && fields[0] != null
                && fields[0].isEmpty())) {
            throw DbException.of(SqlState.BAD_COPY_FILE_FORMAT, "extra data after last expected column");
        }
        if (count < targets.length) {
            throw DbException.of(SqlState.BAD_COPY_FILE_FORMAT, "missing data for column \"%s\"", names[count]);
        }
        Object[] row = new Object[width];
        String nullText = command.options().nullText();
        for (int i = 0; i < targets.length; i++) {
            String text = fields[i];
            if (text == null && forceNotNull[i]) {
                text = nullText;
            } else if (text != null && forceNull[i] && text.equals(nullText)) {
                text = null;
            }
            if (text != null) {
                row[targets[i]] = convert(text, i);
            }
        }
        for (int i = 0; i < defaultTargets.length; i++) {
            row[defaultTargets[i]] = defaults[i].eval(NO_ROW);
        }
        return row;
    }

    private Object convert(String text, int i) {
        DataType type = types[i];
        try {
            Object value = Casts.fromText(text, baseTypes[i]);
            return type.typmod() >= 0 ? Casts.convert(value, type.type(), type, false) : value;
        } catch (DbException e) {
            throw e.withPosition(0).withContext(where() + ", column " + names[i] + ": \""
                    + CopyReader.display(text) + "\"");
        }
    }
}
