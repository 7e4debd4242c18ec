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

    /**
     * A CHECK condition as ruleutils prints it: {@code pretty} as psql asks for it
     * ({@code c > 0::numeric}), else with every operation and cast argument in parentheses
     * ({@code (c > (0)::numeric)}).
     */
    static String checkExpr(CatalogReader r, TableDefinition t, String expression, boolean pretty) {
        try {
            var bound = CheckExpressions.bindStored(r.session(), r.transaction(), t, expression);
            String text = ExprText.of(bound, t.columns().stream().map(ColumnDefinition::name).toList());
            if (pretty) {
                return unfoldConstants(stripOuter(text), "$1::$2");
            }
            return unfoldConstants("(" + stripOuter(text) + ")", "($1)::$2");
        } catch (DbException e) {
            // the text as stored rather than no definition at all
            return expression;
        }
    }

    /** The columns a CHECK condition reads, as pg_constraint.conkey lists them (ascending attnums). */
    static List<Short> checkColumns(CatalogReader r, TableDefinition t, String expression) {
        try {
            var bound = CheckExpressions.bind(r.session(), r.transaction(), null, t,
                    org.rustydb.execution.internal.parser.ExpressionText.parse(expression));
            return bound.columns().stream().map(c -> (short) (c + 1)).toList();
        } catch (DbException e) {
            return null;
        }
    }

    /** A column default as pg_get_expr prints it. */
    static String defaultExpr(CatalogReader r, ColumnDefinition column) {
        try {
            var bound = ColumnDefaults.bind(r.session(), r.transaction(), QUIET, column);
            return unfoldConstants(stripOuter(ExprText.of(bound, List.of())), "$1::$2");
        } catch (DbException e) {
            return column.defaultExpression();
        }
    }

    /**
     * The binder folds an integer constant converted to a column's type into a constant of that
     * type ({@code '0'::numeric}); PostgreSQL keeps the conversion in stored expressions, printed
     * {@code 0::numeric}, and compares integers of any width without one.
     */
    private static String unfoldConstants(String text, String replacement) {
        String out = NUMERIC_CONSTANT.matcher(text).replaceAll(replacement);
        return INTEGER_CONSTANT.matcher(out).replaceAll("$1");
    }

    private static final java.util.regex.Pattern NUMERIC_CONSTANT =
            java.util.regex.Pattern.compile("'(\\d+(?:\\.\\d+)?)'::(numeric|double precision|real)");
    private static final java.util.regex.Pattern INTEGER_CONSTANT =
            java.util.regex.Pattern.compile("'(\\d+)'::(?:bigint|smallint)");

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
