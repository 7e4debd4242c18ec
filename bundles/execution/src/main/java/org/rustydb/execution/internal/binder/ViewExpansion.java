package org.rustydb.execution.internal.binder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import net.sf.jsqlparser.statement.select.Select;
import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.parser.SqlParser;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ViewDefinition;
import org.rustydb.spi.storage.ViewHandle;

/**
 * Views in FROM: a view's stored query is parsed and bound where the view is named, as a subquery
 * with the view's column names, so joins, conditions and aggregates over it work as over any
 * derived table. Also records which tables and views a query names while CREATE VIEW binds it,
 * for the dependencies DROP checks.
 */
public final class ViewExpansion {
    /** The references of the query CREATE VIEW is binding on this thread, or null. */
    private static final ThreadLocal<Set<ViewDefinition.Reference>> COLLECTING = new ThreadLocal<>();
    /** The views being expanded on this thread, innermost last: a view reaching itself never ends. */
    private static final ThreadLocal<Deque<String>> EXPANDING = ThreadLocal.withInitial(ArrayDeque::new);
    /** The views being expanded, innermost last: what a view reads is checked as its owner. */
    private static final ThreadLocal<Deque<org.rustydb.spi.security.ObjectRef>> OWNERS =
            ThreadLocal.withInitial(ArrayDeque::new);

    /** The view whose query is being bound on this thread (its owner's privileges apply), or null. */
    static org.rustydb.spi.security.ObjectRef checkedAs() {
        return OWNERS.get().peekLast();
    }

    private ViewExpansion() {
    }

    /** A bound query and the tables and views it names directly (not through views). */
    public record Collected(BoundQuery query, List<ViewDefinition.Reference> references) {
    }

    /** Binds a query while recording the relations it names. */
    public static Collected collecting(Supplier<BoundQuery> bind) {
        Set<ViewDefinition.Reference> previous = COLLECTING.get();
        Set<ViewDefinition.Reference> references = new LinkedHashSet<>();
        COLLECTING.set(references);
        try {
            BoundQuery q = bind.get();
            return new Collected(q, new ArrayList<>(references));
        } finally {
            COLLECTING.set(previous);
        }
    }

    static void noteReference(String schema, String name) {
        Set<ViewDefinition.Reference> references = COLLECTING.get();
        if (references != null) {
            references.add(new ViewDefinition.Reference(schema, name));
        }
    }

    /**
     * Binds a view's query on its own (no outer scope, no WITH queries of the referencing query),
     * its columns named as the view's. 42P17 when the view reaches itself.
     */
    static BoundQuery bind(BindContext ctx, ViewHandle view) {
        ViewDefinition d = view.definition();
        String key = d.schema() + '.' + d.name();
        Deque<String> expanding = EXPANDING.get();
        if (expanding.contains(key)) {
            throw DbException.of(SqlState.INVALID_OBJECT_DEFINITION, "infinite recursion detected in rules for relation \"%s\"",
                    d.name());
        }
        ParsedStatement.Sql parsed = SqlParser.parseQuery(d.query());
        // the referencing statement depends on what the view's query resolves to, as on its own names
        BindContext viewCtx = new BindContext(ctx.session(), ctx.transaction(), parsed.source(), ctx.notices(),
                List.of(), ctx.dependencies());
        Set<ViewDefinition.Reference> collecting = COLLECTING.get();
        // a view's own references are its business: the referencing query depends on the view only
        COLLECTING.remove();
        expanding.addLast(key);
        OWNERS.get().addLast(org.rustydb.spi.security.ObjectRef.relation(d.schema(), d.name()));
        BoundQuery q;
        try {
            q = new QueryBinder(viewCtx).bind((Select) parsed.statement());
        } catch (DbException e) {
            // positions are in the view's text, not in the statement being run
            throw e.withPosition(0);
        } finally {
            expanding.removeLast();
            OWNERS.get().removeLast();
            COLLECTING.set(collecting);
        }
        if (q.columns().size() < d.columns().size()) {
            throw DbException.of(SqlState.DATA_CORRUPTED, "the query of view \"%s\" returns %d columns, the view has %d",
                    d.name(), q.columns().size(), d.columns().size());
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < q.columns().size(); i++) {
            Column c = q.columns().get(i);
            columns.add(i < d.columns().size() ? new Column(d.columns().get(i).name(), c.type(), c.typeModifier()) : c);
        }
        return new BoundQuery(q.plan(), columns.subList(0, d.columns().size()));
    }

    /** The view's columns as stored: names and types of a bound query's output. */
    public static List<ColumnDefinition> columnsOf(List<Column> columns, List<String> names) {
        List<ColumnDefinition> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            out.add(new ColumnDefinition(i < names.size() ? names.get(i) : c.name(), c.type(), c.typeModifier(), false));
        }
        return out;
    }
}
