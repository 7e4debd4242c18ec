package org.rustydb.execution.internal.ddl;

import org.rustydb.execution.internal.privilege.AccessControl;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privilege;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.TableLocking;
import org.rustydb.execution.internal.parser.IndexCommand;
import org.rustydb.execution.internal.parser.StatementText;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.SequenceHandle;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.LockMode;

/**
 * {@code TRUNCATE [TABLE] [ONLY] name [*] [, ...] [RESTART | CONTINUE IDENTITY] [CASCADE | RESTRICT]}.
 * The rows are deleted in the transaction (so ROLLBACK brings them back), without referential
 * actions: a table another table's foreign key references must be truncated with it (CASCADE adds
 * it). RESTART IDENTITY sets the owned sequences back to their start; like setval it is not undone
 * by a rollback (PostgreSQL undoes it).
 */
record TruncateCommand(List<String[]> names, boolean restartIdentity, boolean cascade) implements DdlCommand {
    @Override
    public String commandName() {
        return "TRUNCATE TABLE";
    }

    static DdlCommand parse(StatementText text) {
        DdlTokens in = new DdlTokens(text, 1);
        in.acceptWord("table");
        List<String[]> names = new ArrayList<>();
        do {
            in.acceptWord("only");
            names.add(in.qualifiedName());
            if (!in.atEnd() && in.peek().value().equals("*")) {
                in.next();
            }
        } while (in.acceptPunct(","));
        boolean restart = false;
        if (in.acceptWord("restart")) {
            in.expectWord("identity");
            restart = true;
        } else if (in.acceptWord("continue")) {
            in.expectWord("identity");
        }
        boolean cascade = in.acceptWord("cascade");
        if (!cascade) {
            in.acceptWord("restrict");
        }
        in.expectEnd();
        return new TruncateCommand(names, restart, cascade);
    }

    @Override
    public Result run(BindContext ctx) {
        StorageEngine storage = ctx.session().storage();
        List<TableHandle> tables = new ArrayList<>();
        for (String[] name : names) {
            TableHandle table = Relations.requireTable(ctx, new IndexCommand.QualifiedName(null, name[0], name[1]));
            AccessControl.require(ctx.session(), ctx.transaction(), ObjectRef.relation(table.definition().schema(),
                    table.definition().name()), "table", table.definition().name(), Privilege.TRUNCATE.bit());
            if (!tables.contains(table)) {
                tables.add(table);
            }
        }
        for (int i = 0; i < tables.size(); i++) {
            TableHandle parent = tables.get(i);
            for (TableHandle other : storage.listTables(ctx.transaction())) {
                if (tables.contains(other)) {
                    continue;
                }
                for (ForeignKey fk : other.definition().foreignKeys()) {
                    if (!fk.references(parent.definition().schema(), parent.definition().name())) {
                        continue;
                    }
                    if (!cascade) {
                        throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                                        "cannot truncate a table referenced in a foreign key constraint")
                                .withDetail(String.format("Table \"%s\" references \"%s\".", other.definition().name(),
                                        parent.definition().name()))
                                .withHint(String.format("Truncate table \"%s\" at the same time, or use TRUNCATE ... "
                                        + "CASCADE.", other.definition().name()));
                    }
                    ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                            String.format("truncate cascades to table \"%s\"", other.definition().name())));
                    tables.add(other);
                    break;
                }
            }
        }
        for (int i = 0; i < tables.size(); i++) {
            tables.set(i, TableLocking.lock(ctx, tables.get(i), LockMode.ACCESS_EXCLUSIVE));
        }
        for (TableHandle table : tables) {
            List<RowId> ids = new ArrayList<>();
            try (RowCursor cursor = storage.scan(ctx.transaction(), table)) {
                while (cursor.next()) {
                    ids.add(cursor.rowId());
                }
            }
            for (int i = 0; i < ids.size(); i++) {
                storage.delete(ctx.transaction(), table, ids.get(i));
                if ((i & 1023) == 0) {
                    ctx.session().checkCancelled();
                }
            }
        }
        if (restartIdentity) {
            for (TableHandle table : tables) {
                for (SequenceHandle sequence : storage.listSequences(ctx.transaction())) {
                    SequenceDefinition d = sequence.definition();
                    if (owned(table, d)) {
                        storage.setValue(ctx.transaction(), sequence, d.start(), false);
                    }
                }
            }
        }
        return Results.command("TRUNCATE TABLE");
    }

    private static boolean owned(TableHandle table, SequenceDefinition d) {
        String text = OwnedSequences.nextvalText(d);
        return d.ownerTable() != null && table.definition().columns().stream()
                .anyMatch(c -> text.equals(c.defaultExpression()));
    }
}
