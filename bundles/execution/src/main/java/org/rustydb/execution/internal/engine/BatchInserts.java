package org.rustydb.execution.internal.engine;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Results;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.BoundDml;
import org.rustydb.execution.internal.exec.DmlExecutor;
import org.rustydb.execution.internal.expr.ParameterSlots;

/**
 * A batch of a prepared one-row INSERT run as one multi-row INSERT (as pgjdbc's
 * reWriteBatchedInserts makes of it): bound once, its privileges and plan checked once, and its
 * rows handed to the storage engine together, as COPY's are. The batch reports a result per
 * execution, as the executions one by one would.
 */
final class BatchInserts {
    /** The tag of each execution stored together: one row each. */
    private static final String ONE_ROW = "INSERT 0 1";

    private BatchInserts() {
    }

    /** Whether a batch of the bound statement may be stored together. */
    static boolean insertsOneRow(Object bound) {
        return bound instanceof BoundDml.Insert insert && insert.query() == null && insert.rows().size() == 1
                && insert.conflict() == null && insert.returning() == null;
    }

    /**
     * Runs the batch in {@code ctx}'s transaction. The results of all executions but the last go to
     * {@code sink} once every row is stored; the last is returned for the caller to deliver.
     */
    static Result run(BindContext ctx, ResultSink sink, PreparedStatements.Prepared statement,
                      List<List<String>> parameterRows, StatementRunner.Shared shared) {
        List<Object[]> values = new ArrayList<>(parameterRows.size());
        for (List<String> row : parameterRows) {
            try {
                values.add(PreparedStatements.textArguments(statement, row));
            } catch (RuntimeException e) {
                deliver(sink, java.util.Collections.nCopies(values.size(), ONE_ROW));
                throw e;
            }
        }
        PreparedStatements.Plan plan = shared.prepared().genericPlan(ctx, statement);
        List<String> tags = new ArrayList<>(values.size());
        try {
            if (insertsOneRow(plan.bound())) {
                int[] refused = {-1};
                try {
                    insertTogether(ctx, (BoundDml.Insert) plan.bound(), plan.slots(), values, shared,
                            i -> refused[0] = i);
                } catch (RuntimeException e) {
                    // the executions before the refused one count as done, as one by one they would
                    deliver(sink, java.util.Collections.nCopies(Math.max(refused[0], 0), ONE_ROW));
                    throw e;
                }
                tags.addAll(java.util.Collections.nCopies(values.size(), ONE_ROW));
            } else {
                // binding again changed what it is (its table replaced by a view): one by one
                for (Object[] v : values) {
                    plan.slots().set(v);
                    try (Result result = BoundStatements.run(plan.bound(), ctx.session(), ctx.transaction(),
                            shared.constraints(), shared.autoAnalyze(), () -> { })) {
                        tags.add(result.commandTag());
                    }
                }
            }
        } finally {
            plan.done().run();
        }
        deliver(sink, tags.subList(0, tags.size() - 1));
        return Results.command(tags.get(tags.size() - 1));
    }

    private static void deliver(ResultSink sink, List<String> tags) {
        for (String tag : tags) {
            try (Result done = Results.command(tag)) {
                sink.accept(done);
            }
        }
    }

    private static void insertTogether(BindContext ctx, BoundDml.Insert insert, ParameterSlots slots,
                                       List<Object[]> values, StatementRunner.Shared shared,
                                       java.util.function.IntConsumer refused) {
        BoundStatements.requireWritable(ctx.transaction(), insert);
        DmlExecutor executor = new DmlExecutor(ctx.session(), ctx.transaction(), shared.constraints());
        executor.insertEach(insert, slots, values, refused);
        shared.autoAnalyze().written(ctx.transaction(), ctx.session().storage(), ctx.session().transactions(),
                executor.written());
    }
}
