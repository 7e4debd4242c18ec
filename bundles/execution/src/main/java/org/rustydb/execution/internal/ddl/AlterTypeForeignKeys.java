package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.TableLocking;
import org.rustydb.execution.internal.constraint.ForeignKeyValidation;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.LockMode;

/**
 * The foreign keys an ALTER COLUMN TYPE touches, the table's own and other tables' that reference
 * its converted columns: as PostgreSQL makes them again, their column types must still compare
 * (42804 {@code cannot be implemented}) and their rows are checked again once the values changed.
 */
final class AlterTypeForeignKeys {
    private record Touched(String schema, String table, ForeignKey fk) {
    }

    private final BindContext ctx;
    private final TableDefinition target;
    private final List<Touched> touched = new ArrayList<>();

    /** {@code target}: the altered table's definition with its new column types. */
    AlterTypeForeignKeys(BindContext ctx, TableDefinition target, Set<Integer> converted) {
        this.ctx = ctx;
        this.target = target;
        for (ForeignKey fk : target.foreignKeys()) {
            boolean self = fk.references(target.schema(), target.name());
            if (fk.columns().stream().anyMatch(converted::contains)
                    || (self && fk.referencedColumns().stream().anyMatch(converted::contains))) {
                touched.add(new Touched(target.schema(), target.name(), fk));
            }
        }
        for (TableHandle other : ctx.session().storage().listTables(ctx.transaction())) {
            TableDefinition o = other.definition();
            if (isTarget(o.schema(), o.name())) {
                continue;
            }
            for (ForeignKey fk : o.foreignKeys()) {
                if (fk.references(target.schema(), target.name())
                        && fk.referencedColumns().stream().anyMatch(converted::contains)) {
                    touched.add(new Touched(o.schema(), o.name(), fk));
                }
            }
        }
    }

    void checkTypes() {
        for (Touched t : touched) {
            TableDefinition child = isTarget(t.schema(), t.table()) ? target : find(t.schema(), t.table()).definition();
            TableDefinition parent = isTarget(t.fk().referencedSchema(), t.fk().referencedTable()) ? target
                    : find(t.fk().referencedSchema(), t.fk().referencedTable()).definition();
            for (int i = 0; i < t.fk().columns().size(); i++) {
                ColumnDefinition from = child.columns().get(t.fk().columns().get(i));
                ColumnDefinition to = parent.columns().get(t.fk().referencedColumns().get(i));
                if (!ForeignKeyDefinitions.comparable(from.type(), to.type())) {
                    throw DbException.of(SqlState.DATATYPE_MISMATCH,
                                    "foreign key constraint \"%s\" cannot be implemented", t.fk().name())
                            .withDetail(String.format("Key columns \"%s\" and \"%s\" are of incompatible types: %s "
                                    + "and %s.", from.name(), to.name(), from.type().sqlName(), to.type().sqlName()));
                }
            }
        }
    }

    /** After the rewrite: the rows of each foreign key still reference keys that exist (23503). */
    void validate() {
        for (Touched t : touched) {
            TableHandle child = lockOther(find(t.schema(), t.table()));
            TableHandle parent = lockOther(find(t.fk().referencedSchema(), t.fk().referencedTable()));
            ForeignKeyValidation.check(ctx.session(), ctx.transaction(), child, parent, t.fk());
        }
    }

    /** The other table of a foreign key keeps its rows while they are checked, as for ADD FOREIGN KEY. */
    private TableHandle lockOther(TableHandle table) {
        TableDefinition d = table.definition();
        return isTarget(d.schema(), d.name()) ? table : TableLocking.lock(ctx, table, LockMode.SHARE_ROW_EXCLUSIVE);
    }

    private boolean isTarget(String schema, String table) {
        return target.schema().equals(schema) && target.name().equals(table);
    }

    private TableHandle find(String schema, String table) {
        return Relations.findTable(ctx, schema, table).orElseThrow();
    }
}
