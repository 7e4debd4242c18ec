package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;

import net.sf.jsqlparser.expression.Expression;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.plan.AggregateCall;

/**
 * The grouped rows of an aggregate query, as its select list, HAVING and ORDER BY see them: the
 * group keys (an expression written as in GROUP BY, or a grouped column) and the aggregates,
 * each at its place in the aggregate's output row; any other column of the input is an error.
 */
public final class Grouping {
    private final Scope input;
    private final List<BoundExpr> keys;
    private final List<String> keyTexts;
    private final List<AggregateCall> calls = new ArrayList<>();
    private final List<String> callTexts = new ArrayList<>();
    /** The grouping sets as lists of key indexes, or null for plain GROUP BY. */
    private final List<List<Integer>> sets;

    Grouping(Scope input, List<BoundExpr> keys, List<String> keyTexts, List<List<Integer>> sets) {
        this.input = input;
        this.keys = List.copyOf(keys);
        this.keyTexts = List.copyOf(keyTexts);
        this.sets = sets;
    }

    public List<List<Integer>> sets() {
        return sets;
    }

    public Scope input() {
        return input;
    }

    public List<BoundExpr> keys() {
        return keys;
    }

    public List<AggregateCall> calls() {
        return calls;
    }


    /** The key written as {@code e} in GROUP BY, or null. */
    BoundExpr matchKey(Expression e) {
        if (e instanceof net.sf.jsqlparser.expression.LongValue || e instanceof net.sf.jsqlparser.expression.StringValue
                || e instanceof net.sf.jsqlparser.expression.NullValue) {
            return null; // constants are constants, whatever GROUP BY says
        }
        String text = e.toString();
        for (int i = 0; i < keyTexts.size(); i++) {
            if (keyTexts.get(i).equals(text)) {
                return slot(i);
            }
        }
        return null;
    }

    private ColumnRef slot(int i) {
        BoundExpr k = keys.get(i);
        return new ColumnRef(i, k.dataType(), k instanceof ColumnRef c ? c.name() : "?column?");
    }

    /** An aggregate call, written as {@code text}: the same call twice is computed once. */
    ColumnRef addCall(String text, AggregateCall call) {
        int index = callTexts.indexOf(text);
        if (index < 0) {
            calls.add(call);
            callTexts.add(text);
            index = calls.size() - 1;
        }
        return new ColumnRef(keys.size() + index, call.type(), call.name());
    }

    /**
     * A column reference seen in the grouped rows: a grouped column of this level, null if this
     * level has no such column (an enclosing level may), or 42803 for an ungrouped one.
     */
    BoundExpr resolveColumn(String schemaName, String tableName, String column, int position) {
        BoundExpr found = input.resolveHere(schemaName, tableName, column, position);
        if (found == null) {
            return null;
        }
        if (found instanceof ColumnRef ref) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i) instanceof ColumnRef k && k.index() == ref.index()) {
                    return slot(i);
                }
            }
        }
        String qualifier = tableName != null ? tableName : qualifierOf(found);
        throw DbException.of(SqlState.GROUPING_ERROR,
                "column \"%s\" must appear in the GROUP BY clause or be used in an aggregate function",
                qualifier == null ? column : qualifier + "." + column).withPosition(position);
    }

    private String qualifierOf(BoundExpr found) {
        if (found instanceof ColumnRef ref) {
            for (ScopeEntry e : input.entries()) {
                if (ref.index() >= e.offset() && ref.index() < e.offset() + e.width() && e.qualifier() != null) {
                    return e.qualifier();
                }
            }
        }
        return null;
    }
}
