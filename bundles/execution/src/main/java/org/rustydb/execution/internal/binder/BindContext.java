package org.rustydb.execution.internal.binder;

import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.ResultSink;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.Parameter;
import org.rustydb.execution.internal.expr.ParameterSlots;
import org.rustydb.execution.internal.parser.SqlSource;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * What binding one statement needs: the session (for functions), the transaction (for catalog
 * lookups), the source text (for error positions), where its notices go, and the values of its
 * parameters ($1, $2, ...) when it runs as a prepared statement: either their values (a custom
 * plan, made for one execution) or the slots a generic plan reads them from at each execution;
 * what the bound statement depends on is collected as binding goes (for reusing its plan).
 */
public record BindContext(SessionContext session, Transaction transaction, SqlSource source,
                          ResultSink notices, List<BoundExpr> parameters, PlanDependencies dependencies,
                          ParameterSlots slots, boolean constantParameters) {

    public BindContext {
        parameters = List.copyOf(parameters);
    }

    public BindContext(SessionContext session, Transaction transaction, SqlSource source, ResultSink notices,
                       List<BoundExpr> parameters, PlanDependencies dependencies) {
        this(session, transaction, source, notices, parameters, dependencies, null, false);
    }

    /**
     * Binding a statement whose {@code $n} stand for constants of its own text (a constant
     * template's): the plan holds them as they are and may be kept for that same text.
     */
    public static BindContext withConstants(SessionContext session, Transaction transaction, SqlSource source,
                                             ResultSink notices, List<BoundExpr> constants) {
        return new BindContext(session, transaction, source, notices, constants, new PlanDependencies(), null, true);
    }

    /** Binding a generic plan: $n reads its value from {@code slots} when the plan runs. */
    public BindContext(SessionContext session, Transaction transaction, SqlSource source, ResultSink notices,
                       ParameterSlots slots) {
        this(session, transaction, source, notices, List.of(), new PlanDependencies(), slots, false);
    }

    public BindContext(SessionContext session, Transaction transaction, SqlSource source, ResultSink notices,
                       List<BoundExpr> parameters) {
        this(session, transaction, source, notices, parameters, new PlanDependencies());
    }

    public BindContext(SessionContext session, Transaction transaction, SqlSource source, ResultSink notices) {
        this(session, transaction, source, notices, List.of());
    }

    /** Raises a notice, e.g. PostgreSQL's {@code relation "t" already exists, skipping}. */
    public void notice(Notice notice) {
        notices.notice(notice);
    }

    /** The position of a parsed node, or 0 when unknown. */
    public int pos(Object node) {
        return source == null ? 0 : source.positionOf(node);
    }

    /** Parameter $n (1-based): its slot in a generic plan, else its value; 42P02 when there is none. */
    public BoundExpr parameter(int n, int position) {
        if (slots != null && n >= 1) {
            return new Parameter(slots, n, slots.type(n), position);
        }
        if (!constantParameters) {
            dependencies.notReusable("parameter values");
        }
        if (n < 1 || n > parameters.size()) {
            throw DbException.of(SqlState.UNDEFINED_PARAMETER, "there is no parameter $%d", n).withPosition(position);
        }
        return parameters.get(n - 1);
    }
}
