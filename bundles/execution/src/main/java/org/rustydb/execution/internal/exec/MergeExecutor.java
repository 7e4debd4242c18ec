package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BoundMerge;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.txn.Transaction;

/**
 * Runs MERGE: reads the source rows and the target rows, pairs them with the ON condition, then
 * applies to each pair the first WHEN MATCHED clause whose condition holds, and to each source
 * row without a partner the first WHEN NOT MATCHED clause. A target row paired with two source
 * rows is 21000, as in PostgreSQL.
 */
public final class MergeExecutor {
    private final SessionContext session;
    private final Transaction txn;
    private final DmlExecutor dml;

    public MergeExecutor(SessionContext session, Transaction txn, DmlExecutor dml) {
        this.session = session;
        this.txn = txn;
        this.dml = dml;
    }

    private record Target(RowId id, Object[] row) {
    }

    public String merge(BoundMerge merge) {
        int width = merge.table().definition().columns().size();
        List<Object[]> sources = new ArrayList<>();
        try (RowSource source = PlanExecutor.open(merge.source(), session, txn)) {
            Object[] row;
            while ((row = source.next()) != null) {
                sources.add(row);
            }
        }
        List<List<Target>> pairs = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            pairs.add(new ArrayList<>());
        }
        try (TableScan scan = new TableScan(session, txn, org.rustydb.execution.internal.plan.AccessPath.fullScan(
                merge.table()))) {
            Object[] row;
            while ((row = scan.next()) != null) {
                for (int s = 0; s < sources.size(); s++) {
                    if (DmlExecutor.matches(merge.on(), both(row, sources.get(s)))) {
                        pairs.get(s).add(new Target(scan.rowId(), row.clone()));
                    }
                }
            }
        }
        int[] affected = {0};
        Set<RowId> touched = new HashSet<>();
        dml.constraints().run(() -> {
            for (int s = 0; s < sources.size(); s++) {
                Object[] source = sources.get(s);
                if (pairs.get(s).isEmpty()) {
                    Object[] input = both(new Object[width], source);
                    BoundMerge.Action action = first(merge.notMatched(), input);
                    if (action != null && action.kind() == BoundMerge.Kind.INSERT) {
                        Object[] row = new Object[width];
                        for (int i = 0; i < action.targets().length; i++) {
                            row[action.targets()[i]] = action.values().get(i).eval(input);
                        }
                        dml.constraints().beforeWrite(merge.table(), row);
                        dml.insertRow(merge.table(), row);
                        affected[0]++;
                    }
                    continue;
                }
                for (Target t : pairs.get(s)) {
                    if (!touched.add(t.id())) {
                        throw DbException.of(SqlState.CARDINALITY_VIOLATION,
                                "MERGE command cannot affect row a second time")
                                .withHint("Ensure that not more than one source row matches any one target row.");
                    }
                    BoundMerge.Action action = first(merge.matched(), both(t.row(), source));
                    if (action == null) {
                        continue;
                    }
                    if (action.kind() == BoundMerge.Kind.DELETE) {
                        if (dml.removeRow(merge.table(), t.id(), t.row()) != null) {
                            affected[0]++;
                        }
                    } else if (action.kind() == BoundMerge.Kind.UPDATE) {
                        Object[] written = dml.replaceRow(merge.table(), t.id(), t.row(), read -> {
                            Object[] input = both(read, source);
                            Object[] changed = read.clone();
                            for (int i = 0; i < action.targets().length; i++) {
                                changed[action.targets()[i]] = action.values().get(i).eval(input);
                            }
                            return changed;
                        }, read -> DmlExecutor.matches(merge.on(), both(read, source)));
                        if (written != null) {
                            affected[0]++;
                        }
                    }
                }
            }
        });
        return "MERGE " + affected[0];
    }

    private static BoundMerge.Action first(List<BoundMerge.Action> actions, Object[] input) {
        for (BoundMerge.Action a : actions) {
            if (DmlExecutor.matches(a.condition(), input)) {
                return a;
            }
        }
        return null;
    }

    private static Object[] both(Object[] target, Object[] source) {
        Object[] out = Arrays.copyOf(target, target.length + source.length);
        System.arraycopy(source, 0, out, target.length, source.length);
        return out;
    }
}
