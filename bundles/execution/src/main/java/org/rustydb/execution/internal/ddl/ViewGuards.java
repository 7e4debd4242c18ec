package org.rustydb.execution.internal.ddl;

import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.parser.SqlScript;
import org.rustydb.execution.internal.parser.Token;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.ViewDefinition;

/**
 * ALTER TABLE changes that would break the views reading a table. A view keeps its query as text,
 * bound again at each use, so a renamed table or column would leave it naming something gone;
 * those renames are refused while a view reads the table. A dropped column is refused (2BP01, or
 * with CASCADE drops the views) when a view may use it: when its query names the column or
 * selects {@code *}.
 */
final class ViewGuards {
    private ViewGuards() {
    }

    static void checkRename(BindContext ctx, TableDefinition table, String what) {
        List<ViewDependents.Dependent> views = dependents(ctx, table);
        if (!views.isEmpty()) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "renaming %s of table %s that view %s reads is not "
                    + "supported yet", what, table.name(), views.get(0).view().definition().name());
        }
    }

    static void dropColumn(BindContext ctx, TableDefinition table, String column, boolean cascade) {
        List<ViewDependents.Dependent> using = dependents(ctx, table).stream()
                .filter(d -> mayUse(d.view().definition(), column)).toList();
        if (using.isEmpty()) {
            return;
        }
        String object = "column " + column + " of table " + table.name();
        if (!cascade) {
            throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop %s because other objects depend on it", object)
                    .withDetail(String.join("\n", using.stream()
                            .map(d -> "view " + d.view().definition().name() + " depends on " + object).toList()))
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        // the views over those views go too
        List<ViewDependents.Dependent> all = ViewDependents.of(ctx, using.stream()
                .map(d -> new ViewDependents.Dropped(new ViewDefinition.Reference(d.view().definition().schema(),
                        d.view().definition().name()), "view " + d.view().definition().name())).toList());
        List<String> lines = new java.util.ArrayList<>();
        using.forEach(d -> lines.add("drop cascades to view " + d.view().definition().name()));
        all.forEach(d -> lines.add("drop cascades to view " + d.view().definition().name()));
        if (lines.size() == 1) {
            ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, lines.get(0)));
        } else {
            ctx.notice(new Notice(Notice.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "drop cascades to " + lines.size() + " other objects", String.join("\n", lines), null));
        }
        using.forEach(d -> ctx.session().storage().dropView(ctx.transaction(), d.view()));
        all.forEach(d -> ctx.session().storage().dropView(ctx.transaction(), d.view()));
    }

    /**
     * ALTER COLUMN TYPE of a column a view may use: 0A000 as in PostgreSQL, where a view's column
     * types are fixed when it is made.
     */
    static void alterType(BindContext ctx, TableDefinition table, List<String> columns) {
        List<ViewDependents.Dependent> views = dependents(ctx, table);
        for (String column : columns) {
            for (ViewDependents.Dependent d : views) {
                if (mayUse(d.view().definition(), column)) {
                    throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                                    "cannot alter type of a column used by a view or rule")
                            .withDetail(String.format("rule _RETURN on view %s depends on column \"%s\"",
                                    d.view().definition().name(), column));
                }
            }
        }
    }

    private static List<ViewDependents.Dependent> dependents(BindContext ctx, TableDefinition table) {
        return ViewDependents.of(ctx, List.of(new ViewDependents.Dropped(
                new ViewDefinition.Reference(table.schema(), table.name()), "table " + table.name()))).stream()
                .filter(d -> d.view().definition().references(table.schema(), table.name())).toList();
    }

    /** True when the view's query names the column or selects every column. */
    private static boolean mayUse(ViewDefinition view, String column) {
        for (Token t : SqlScript.split(view.query()).get(0).tokens()) {
            if (((t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENT) && t.value().equals(column))
                    || (t.kind() == Token.Kind.OPERATOR && t.value().equals("*"))) {
                return true;
            }
        }
        return false;
    }
}
