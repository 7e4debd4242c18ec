package org.rustydb.execution.internal.constraint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.binder.ColumnDefaults;
import org.rustydb.execution.internal.constraint.Referrers.Referrer;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;

/**
 * Enforces CHECK and FOREIGN KEY constraints for one statement, as PostgreSQL does: NOT NULL and
 * CHECK before each row is written (CHECKs in name order, a NULL result passes), foreign key checks
 * and referential actions after the statement's rows are written (in the order the rows were), or
 * at the end of the transaction for a deferred constraint. Referential actions change the child
 * rows through the statement's own {@link RowWriter}, so the changed rows are checked as any
 * others (CHECKs first, their own foreign key checks and actions queued behind), and cascades
 * cascade.
 *
 * <p>Used by one statement on one thread.
 */
public final class StatementConstraints {

    /** Writes rows the way the statement does: constraints included. */
    public interface RowWriter {
        void update(TableHandle table, List<RowId> ids, List<Object[]> before, List<Object[]> after);

        void delete(TableHandle table, List<RowId> ids, List<Object[]> before);
    }

    private record Check(String name, BoundExpr condition) {
    }

    /** NOT NULL (primary key columns included) and the CHECKs of a table, by name. */
    private record RowRules(boolean[] notNull, List<Check> checks) {
    }

    /** The checks one (possibly nested) statement leaves for its end, each kind of work once. */
    private record Queue(List<PendingCheck> checks, Set<List<Object>> queued) {
    }

    private final SessionContext session;
    private final Transaction txn;
    private final TransactionConstraints.Registry registry;
    private final RowWriter writer;
    private final ReferenceChecks checks;
    private final Map<TableHandle, RowRules> rowRules = new HashMap<>();
    private final Deque<Queue> queues = new ArrayDeque<>();

    public StatementConstraints(SessionContext session, Transaction txn, TransactionConstraints.Registry registry,
                                RowWriter writer) {
        this.session = session;
        this.txn = txn;
        this.registry = registry;
        this.writer = writer;
        this.checks = new ReferenceChecks(session, txn);
    }

    /** Runs a statement's row changes, then the checks and actions they left. */
    public void run(Runnable rowChanges) {
        Queue queue = new Queue(new ArrayList<>(), new HashSet<>());
        queues.push(queue);
        try {
            rowChanges.run();
            for (int i = 0; i < queue.checks().size(); i++) {
                PendingCheck check = queue.checks().get(i);
                if (check instanceof PendingCheck.Action action) {
                    act(action);
                } else {
                    checks.run(check);
                }
            }
        } finally {
            queues.pop();
        }
    }

    /** NOT NULL, then the CHECKs, for a row about to be inserted or to replace another. */
    public void beforeWrite(TableHandle table, Object[] row) {
        RowRules rules = rowRules.computeIfAbsent(table, this::rowRules);
        // the engine checks NOT NULL too, but a bulk load stores rows a batch later, and the
        // error must come with the row it is about (and before its CHECKs)
        TableDefinition definition = table.definition();
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null && rules.notNull()[i]) {
                throw DbException.of(SqlState.NOT_NULL_VIOLATION,
                                "null value in column \"%s\" of relation \"%s\" violates not-null constraint",
                                definition.columns().get(i).name(), definition.name())
                        .withDetail("Failing row contains " + KeyValues.rowText(row) + ".");
            }
        }
        for (Check check : rules.checks()) {
            if (Boolean.FALSE.equals(check.condition().eval(row))) {
                throw DbException.of(SqlState.CHECK_VIOLATION,
                                "new row for relation \"%s\" violates check constraint \"%s\"", definition.name(),
                                check.name())
                        .withDetail("Failing row contains " + KeyValues.rowText(row) + ".");
            }
        }
    }

    public void inserted(TableHandle table, Object[] row) {
        for (ForeignKey fk : table.definition().foreignKeys()) {
            referencing(table, fk, KeyValues.of(row, fk.columns()));
        }
    }

    public void updated(TableHandle table, Object[] before, Object[] after) {
        for (ForeignKey fk : table.definition().foreignKeys()) {
            Object[] key = KeyValues.of(after, fk.columns());
            if (KeyValues.distinct(KeyValues.of(before, fk.columns()), key)) {
                referencing(table, fk, key);
            }
        }
        for (Referrer referrer : referrers(table)) {
            ForeignKey fk = referrer.foreignKey();
            Object[] oldKey = KeyValues.of(before, fk.referencedColumns());
            Object[] newKey = KeyValues.of(after, fk.referencedColumns());
            if (KeyValues.anyNull(oldKey) || !KeyValues.distinct(oldKey, newKey)) {
                continue;
            }
            Object[] newValues = fk.onUpdate() == ForeignKey.Action.CASCADE
                    ? childValues(referrer.child(), fk, newKey) : null;
            referenced(table, referrer, fk.onUpdate(), oldKey, false, newValues);
        }
    }

    public void deleted(TableHandle table, Object[] before) {
        for (Referrer referrer : referrers(table)) {
            Object[] oldKey = KeyValues.of(before, referrer.foreignKey().referencedColumns());
            if (!KeyValues.anyNull(oldKey)) {
                referenced(table, referrer, referrer.foreignKey().onDelete(), oldKey, true, null);
            }
        }
    }

    private void referencing(TableHandle child, ForeignKey fk, Object[] key) {
        if (KeyValues.allNull(key) || (KeyValues.anyNull(key) && !fk.matchFull())) {
            return; // MATCH SIMPLE: a key with a NULL references nothing
        }
        PendingCheck check = new PendingCheck.Referencing(child, fk, key);
        if (registry.isDeferred(txn, child.definition(), fk)) {
            registry.of(txn).defer(check);
        } else {
            queue(check);
        }
    }

    /** What deleting or changing the key {@code oldKey} of a parent row does for one foreign key. */
    private void referenced(TableHandle parent, Referrer referrer, ForeignKey.Action action, Object[] oldKey,
                            boolean delete, Object[] newValues) {
        TableHandle child = referrer.child();
        ForeignKey fk = referrer.foreignKey();
        switch (action) {
            case NO_ACTION -> {
                PendingCheck check = new PendingCheck.Referenced(child, fk, parent, oldKey, false);
                if (registry.isDeferred(txn, child.definition(), fk)) {
                    registry.of(txn).defer(check);
                } else {
                    queue(check);
                }
            }
            // RESTRICT is never deferred, whatever the constraint says
            case RESTRICT -> queue(new PendingCheck.Referenced(child, fk, parent, oldKey, true));
            case CASCADE -> queue(new PendingCheck.Action(child, fk, oldKey, delete, newValues));
            case SET_NULL -> queue(new PendingCheck.Action(child, fk, oldKey, false, new Object[fk.columns().size()]));
            // no values: each child row gets the columns' defaults, evaluated for it
            case SET_DEFAULT -> queue(new PendingCheck.Action(child, fk, oldKey, false, null));
            default -> throw new IllegalStateException("unknown action " + action);
        }
    }

    private void queue(PendingCheck check) {
        Queue queue = queues.peek();
        if (queue == null) {
            throw new IllegalStateException("a row change outside a statement");
        }
        if (check instanceof PendingCheck.Action || queue.queued().add(PendingCheck.identity(check))) {
            queue.checks().add(check);
        }
    }

    /** Deletes or updates the child rows holding the old key, as a nested statement. */
    private void act(PendingCheck.Action action) {
        TableHandle child = action.child();
        ForeignKey fk = action.foreignKey();
        Object[] key = KeyValues.convert(action.oldKey(), child.definition(), fk.columns());
        if (key == null) {
            return;
        }
        List<KeyLookup.Found> rows = checks.lookup().childRows(child, fk.columns(), key, false);
        if (rows.isEmpty()) {
            return;
        }
        List<RowId> ids = new ArrayList<>();
        List<Object[]> before = new ArrayList<>();
        List<Object[]> after = new ArrayList<>();
        for (KeyLookup.Found row : rows) {
            ids.add(row.id());
            before.add(row.row());
            Object[] changed = row.row().clone();
            Object[] values = action.delete() || action.newValues() != null ? action.newValues()
                    : defaults(child, fk);
            if (!action.delete() && action.newValues() == null) {
                // a default equal to the old key changes nothing, so no row change queues its check
                queue(new PendingCheck.Referencing(child, fk, values));
            }
            for (int i = 0; i < fk.columns().size(); i++) {
                changed[fk.columns().get(i)] = action.delete() ? null : values[i];
            }
            after.add(changed);
        }
        // the changes queue their own checks and actions behind this one, as PostgreSQL's
        // referential actions do (their statements do not fire triggers at their own end): so a
        // cascade through a deep tree is a loop, not a recursion
        if (action.delete()) {
            writer.delete(child, ids, before);
        } else {
            writer.update(child, ids, before, after);
        }
    }

    /** ON DELETE/UPDATE SET DEFAULT: the defaults of the key columns, evaluated for one child row. */
    private Object[] defaults(TableHandle child, ForeignKey fk) {
        Object[] values = new Object[fk.columns().size()];
        for (int i = 0; i < values.length; i++) {
            ColumnDefinition column = child.definition().columns().get(fk.columns().get(i));
            values[i] = ColumnDefaults.bind(session, txn, NO_RESULTS, column).eval(new Object[0]);
        }
        return values;
    }

    private static final org.rustydb.api.ResultSink NO_RESULTS = result -> {
        throw new IllegalStateException("a DEFAULT expression produces no results");
    };

    /** The new key of ON UPDATE CASCADE in the child's column types; 22003 if it does not fit. */
    private static Object[] childValues(TableHandle child, ForeignKey fk, Object[] parentKey) {
        Object[] values = KeyValues.convert(parentKey, child.definition(), fk.columns());
        if (values == null) {
            for (int i = 0; i < parentKey.length; i++) {
                SqlType type = child.definition().columns().get(fk.columns().get(i)).type();
                if (KeyValues.convert(new Object[] {parentKey[i]}, child.definition(), List.of(fk.columns().get(i)))
                        == null) {
                    throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "%s out of range", type.sqlName());
                }
            }
        }
        return values;
    }

    private RowRules rowRules(TableHandle table) {
        TableDefinition definition = table.definition();
        List<Check> bound = new ArrayList<>();
        for (CheckConstraint check : definition.checks()) {
            bound.add(new Check(check.name(),
                    CheckExpressions.bindStored(session, txn, definition, check.expression())));
        }
        bound.sort(Comparator.comparing(Check::name));
        boolean[] notNull = new boolean[definition.columns().size()];
        for (int i = 0; i < notNull.length; i++) {
            ColumnDefinition column = definition.columns().get(i);
            notNull[i] = column.notNull();
        }
        for (UniqueKey key : definition.uniqueKeys()) {
            if (key.primary()) {
                key.columns().forEach(c -> notNull[c] = true);
            }
        }
        return new RowRules(notNull, bound);
    }

    /** The foreign keys of any table (this one included) that reference the table. */
    private List<Referrer> referrers(TableHandle table) {
        return registry.referrers().of(session, txn, table);
    }
}
