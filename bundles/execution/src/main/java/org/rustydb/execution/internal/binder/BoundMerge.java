package org.rustydb.execution.internal.binder;

import java.util.List;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.spi.storage.TableHandle;

/**
 * MERGE: the source rows are paired with the target rows the ON condition accepts. Conditions
 * and values read the target row followed by the source row (the target part all NULL for a
 * source row without a match).
 */
public record BoundMerge(TableHandle table, PlanNode source, BoundExpr on, List<Action> matched,
                         List<Action> notMatched) {
    public BoundMerge {
        matched = List.copyOf(matched);
        notMatched = List.copyOf(notMatched);
    }

    /** What a WHEN clause does. */
    public enum Kind { UPDATE, DELETE, INSERT }

    /** One WHEN clause: its extra condition (null: none), and the columns and values it writes. */
    public record Action(Kind kind, BoundExpr condition, int[] targets, List<BoundExpr> values) {
        public Action {
            values = List.copyOf(values);
        }
    }
}
