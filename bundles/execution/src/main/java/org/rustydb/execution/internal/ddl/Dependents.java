package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;

/**
 * The foreign keys of other tables that depend on what a DROP removes (a referenced table, or the
 * unique index a foreign key's referenced columns rely on), and the views that read it. Without CASCADE they make the DROP fail
 * (2BP01, as PostgreSQL words it); with CASCADE the foreign keys are dropped first, with a notice.
 */
final class Dependents {
    /** A foreign key of {@code table} depending on {@code object} (e.g. {@code table p}). */
    private record Dependent(TableHandle table, ForeignKey foreignKey, String object) {
        String description() {
            return "constraint " + foreignKey.name() + " on table " + table.definition().name();
        }
    }

    private final BindContext ctx;
    private final List<Dependent> found = new ArrayList<>();
    private final List<ViewDependents.Dependent> views = new ArrayList<>();

    Dependents(BindContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The foreign keys referencing the dropped tables, from tables not dropped as well; PostgreSQL
     * reports those of the last table named first.
     */
    Dependents ofTables(List<TableHandle> dropped) {
        Set<TableHandle> droppedSet = new HashSet<>(dropped);
        List<TableHandle> all = ctx.session().storage().listTables(ctx.transaction());
        for (int i = dropped.size() - 1; i >= 0; i--) {
            TableDefinition target = dropped.get(i).definition();
            for (TableHandle table : all) {
                if (droppedSet.contains(table)) {
                    continue;
                }
                for (ForeignKey fk : table.definition().foreignKeys()) {
                    if (fk.references(target.schema(), target.name())) {
                        found.add(new Dependent(table, fk, "table " + target.name()));
                    }
                }
            }
        }
        return this;
    }

    /** The views reading the dropped tables or views, directly or through other views. */
    Dependents ofRelations(List<ViewDependents.Dropped> dropped) {
        views.addAll(ViewDependents.of(ctx, dropped));
        return this;
    }

    /**
     * The foreign keys whose referenced columns rely on a dropped unique index: those no other
     * unique index of its table covers.
     */
    Dependents ofIndexes(List<IndexHandle> dropped) {
        for (int i = dropped.size() - 1; i >= 0; i--) {
            IndexHandle index = dropped.get(i);
            IndexDefinition definition = index.definition();
            if (!definition.unique()) {
                continue;
            }
            TableDefinition target = index.table().definition();
            Set<Integer> columns = new HashSet<>(definition.columns());
            boolean covered = false;
            for (IndexHandle other : ctx.session().storage().indexes(ctx.transaction(), index.table())) {
                covered |= other.definition().unique() && !dropped.contains(other)
                        && other.definition().columns().size() == columns.size()
                        && new HashSet<>(other.definition().columns()).equals(columns);
            }
            if (covered) {
                continue;
            }
            for (TableHandle table : ctx.session().storage().listTables(ctx.transaction())) {
                for (ForeignKey fk : table.definition().foreignKeys()) {
                    if (fk.references(target.schema(), target.name())
                            && new HashSet<>(fk.referencedColumns()).equals(columns)
                            && fk.referencedColumns().size() == columns.size()) {
                        found.add(new Dependent(table, fk, "index " + definition.name()));
                    }
                }
            }
        }
        return this;
    }

    /**
     * Fails with 2BP01 if anything depends on the dropped objects, unless {@code cascade}: then
     * drops the dependent views and foreign keys and says so.
     *
     * @param what the one object dropped (e.g. {@code table p}), or null when several are
     */
    void dropOrRefuse(boolean cascade, String what) {
        if (found.isEmpty() && views.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        if (!cascade) {
            found.forEach(d -> lines.add(d.description() + " depends on " + d.object()));
            views.forEach(v -> lines.add(v.description()));
            throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, what == null
                            ? "cannot drop desired object(s) because other objects depend on them"
                            : "cannot drop " + what + " because other objects depend on it")
                    .withDetail(String.join("\n", lines))
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        found.forEach(d -> lines.add("drop cascades to " + d.description()));
        views.forEach(v -> lines.add("drop cascades to view " + v.view().definition().name()));
        if (lines.size() == 1) {
            ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, lines.get(0)));
        } else {
            ctx.notice(new Notice(Notice.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "drop cascades to " + lines.size() + " other objects", String.join("\n", lines), null));
        }
        views.forEach(v -> ctx.session().storage().dropView(ctx.transaction(), v.view()));
        Map<TableHandle, Set<String>> dropping = new LinkedHashMap<>();
        for (Dependent d : found) {
            dropping.computeIfAbsent(d.table(), t -> new HashSet<>()).add(d.foreignKey().name());
        }
        dropping.forEach((table, names) -> {
            List<ForeignKey> kept = new ArrayList<>();
            for (ForeignKey fk : table.definition().foreignKeys()) {
                if (!names.contains(fk.name())) {
                    kept.add(fk);
                }
            }
            ctx.session().storage().alterConstraints(ctx.transaction(), table, table.definition().checks(), kept);
        });
    }
}
