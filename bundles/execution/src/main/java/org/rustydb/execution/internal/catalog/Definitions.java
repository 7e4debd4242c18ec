package org.rustydb.execution.internal.catalog;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.ResultSink;
import org.rustydb.execution.internal.binder.ColumnDefaults;
import org.rustydb.execution.internal.constraint.CheckExpressions;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.plan.ExprText;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;

/**
 * The SQL text pg_get_indexdef, pg_get_constraintdef and pg_get_expr give: written from the
 * definitions as PostgreSQL's ruleutils writes them (defaults and CHECK conditions are bound and
 * printed back, so they read {@code 'x'::text} and {@code (c > 0::numeric)} as there).
 */
final class Definitions {
    /** Binding a stored default or condition raises no notices worth showing. */
    private static final ResultSink QUIET = result -> {
    };

    private Definitions() {
    }

    static String columnList(TableDefinition table, List<Integer> columns) {
        List<String> names = new ArrayList<>();
        for (int c : columns) {
            names.add(Identifiers.quote(table.columns().get(c).name()));
        }
        return String.join(", ", names);
    }

    static String indexDef(IndexHandle index) {
        TableDefinition t = index.table().definition();
        return "CREATE " + (index.definition().unique() ? "UNIQUE " : "") + "INDEX "
                + Identifiers.quote(index.definition().name()) + " ON " + Identifiers.quote(t.schema()) + "."
                + Identifiers.quote(t.name()) + " USING btree (" + columnList(t, index.definition().columns()) + ")";
    }

    static String keyDef(TableDefinition t, UniqueKey key) {
        return (key.primary() ? "PRIMARY KEY (" : "UNIQUE (") + columnList(t, key.columns()) + ")";
    }

    /** A foreign key; the referenced table is qualified when search_path does not find it first. */
    static String foreignKeyDef(CatalogReader r, TableDefinition t, ForeignKey fk) {
        StringBuilder s = new StringBuilder("FOREIGN KEY (").append(columnList(t, fk.columns())).append(") REFERENCES ");
        TableDefinition target = null;
        for (var h : r.tables()) {
            if (fk.references(h.definition().schema(), h.definition().name())) {
                target = h.definition();
            }
        }
        s.append(Visibility.qualifiedIfHidden(r, fk.referencedSchema(), fk.referencedTable()));
        s.append('(').append(target == null ? "?" : columnList(target, fk.referencedColumns())).append(')');
        if (fk.matchFull()) {
            s.append(" MATCH FULL");
        }
        if (fk.onUpdate() != ForeignKey.Action.NO_ACTION) {
            s.append(" ON UPDATE ").append(fk.onUpdate().name().replace('_', ' '));
        }
        if (fk.onDelete() != ForeignKey.Action.NO_ACTION) {
            s.append(" ON DELETE ").append(fk.onDelete().name().replace('_', ' '));
        }
        if (fk.deferrable()) {
            s.append(" DEFERRABLE");
        }
        if (fk.initiallyDeferred()) {
            s.append(" INITIALLY DEFERRED");
        }
        return s.toString();
    }

    /** A CHECK condition as pg_get_constraintdef prints it. */
    static String checkDef(CatalogReader r, TableDefinition t, String expression) {
        return "CHECK (" + checkExpr(r, t, expression) + ")";
    }

    static String checkExpr(CatalogReader r, TableDefinition t, String expression) {
        try {
            var bound = CheckExpressions.bindStored(r.session(), r.transaction(), t, expression);
            return stripOuter(ExprText.of(bound, t.columns().stream().map(ColumnDefinition::name).toList()));
        } catch (DbException e) {
            // the text as stored rather than no definition at all
            return expression;
        }
    }

    /** A column default as pg_get_expr prints it. */
    static String defaultExpr(CatalogReader r, ColumnDefinition column) {
        try {
            var bound = ColumnDefaults.bind(r.session(), r.transaction(), QUIET, column);
            return stripOuter(ExprText.of(bound, List.of()));
        } catch (DbException e) {
            return column.defaultExpression();
        }
    }

    /** ruleutils leaves out the parentheses around a whole expression that pg_get_expr prints. */
    private static String stripOuter(String text) {
        if (text.length() < 2 || text.charAt(0) != '(' || text.charAt(text.length() - 1) != ')') {
            return text;
        }
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0 && i < text.length() - 1) {
                return text;
            }
        }
        return text.substring(1, text.length() - 1);
    }
}
