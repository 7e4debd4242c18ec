package org.rustydb.execution.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.execute.Execute;
import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.Coercions;
import org.rustydb.execution.internal.binder.ExpressionBinder;
import org.rustydb.execution.internal.binder.Scope;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.expr.ParameterSlots;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.settings.Settings;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.exec.PreparedQuery;

/**
 * Prepared statements: those of SQL PREPARE, by name per session, and those of the engine's API.
 * Preparing binds the statement once with parameter slots, which fixes the parameters' types and
 * the result columns; that generic plan is kept (revalidated before each use, as the plan cache
 * does). Each execution runs either the generic plan with the slots set to its values, or a
 * custom plan bound for its values, as plan_cache_mode says: force_generic_plan and
 * force_custom_plan always, auto custom for the first five executions and generic after. The
 * generic plan gives up little here: scans choose their index and key range when they open, from
 * the parameters' values, in both kinds of plan.
 */
final class PreparedStatements {
    /** Custom plans before auto switches to the generic plan, as PostgreSQL's first five. */
    static final int CUSTOM_PLANS_FIRST = 5;

    private final Map<Long, Map<String, Prepared>> bySession = new ConcurrentHashMap<>();
    private final LongAdder genericReuses = new LongAdder();

    /** A prepared statement. Used by one session, one execution at a time. */
    static final class Prepared implements PreparedQuery {
        final ParsedStatement.Sql statement;
        final List<DataType> types;
        final List<Column> columns;
        /** An INSERT of one VALUES row without ON CONFLICT or RETURNING: a batch of it is a multi-row INSERT. */
        final boolean insertsOneRow;
        private final List<SqlType> parameterTypes;
        private PlanCache.Entry<Object> generic;
        private int customPlans;

        Prepared(ParsedStatement.Sql statement, List<DataType> types, List<Column> columns, boolean insertsOneRow) {
            this.statement = statement;
            this.types = types;
            this.columns = columns;
            this.insertsOneRow = insertsOneRow;
            this.parameterTypes = types.stream().map(DataType::type).toList();
        }

        @Override
        public List<SqlType> parameterTypes() {
            return parameterTypes;
        }

        @Override
        public List<Column> columns() {
            return columns;
        }
    }

    /**
     * A plan to run for one execution, and what gives it back afterwards; a generic plan's
     * parameter values are in {@code slots} (null for a custom plan).
     */
    record Plan(Object bound, ParameterSlots slots, Runnable done) {
    }

    /**
     * Prepares a statement in {@code ctx}'s transaction: binds it with parameter slots of the
     * declared types (unknown ones deduced), so that errors show now and the generic plan is ready.
     */
    static Prepared prepare(BindContext ctx, ParsedStatement.Sql statement, List<DataType> declared) {
        ParameterSlots slots = new ParameterSlots(declared);
        BindContext generic = generic(ctx, statement, slots);
        long statisticsVersion = PlanCache.bindStarts(generic);
        Object bound = BoundStatements.bind(generic, statement.statement());
        Prepared prepared = new Prepared(statement, slots.finalTypes(), BoundStatements.columns(bound),
                BatchInserts.insertsOneRow(bound));
        prepared.generic = PlanCache.entry(generic, bound, statisticsVersion);
        if (prepared.generic != null) {
            prepared.generic.release();
        }
        return prepared;
    }

    private static BindContext generic(BindContext ctx, ParsedStatement.Sql statement, ParameterSlots slots) {
        return new BindContext(ctx.session(), ctx.transaction(), statement.source(), ctx.notices(), slots);
    }

    void prepare(long session, String name, Prepared prepared) {
        if (of(session).putIfAbsent(name, prepared) != null) {
            throw DbException.of(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"%s\" already exists",
                    name);
        }
    }

    /** 42P05 before binding, as PostgreSQL checks the name first for a statement that would fail. */
    void checkNew(long session, String name) {
        if (of(session).containsKey(name)) {
            throw DbException.of(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"%s\" already exists",
                    name);
        }
    }

    private Map<String, Prepared> of(long session) {
        return bySession.computeIfAbsent(session, s -> new ConcurrentHashMap<>());
    }

    void deallocate(long session, String name) {
        if (name == null) {
            bySession.remove(session);
            return;
        }
        if (of(session).remove(name) == null) {
            throw unknown(name);
        }
    }

    void sessionClosed(long session) {
        bySession.remove(session);
    }

    /** How many executions ran a prepared statement's kept generic plan. */
    long genericReuses() {
        return genericReuses.sum();
    }

    private static DbException unknown(String name) {
        return DbException.of(SqlState.UNDEFINED_PREPARED_STATEMENT, "prepared statement \"%s\" does not exist",
                name);
    }

    /** The statement EXECUTE names. */
    Prepared named(long session, Execute execute) {
        String name = Identifiers.name(execute.getName());
        Prepared prepared = of(session).get(name);
        if (prepared == null) {
            throw unknown(name);
        }
        return prepared;
    }

    /** The values of EXECUTE's arguments, converted to the parameters' types (as assignments). */
    static Object[] arguments(BindContext ctx, Execute execute, Prepared prepared) {
        List<Expression> args = new ArrayList<>();
        if (execute.getExprList() != null) {
            for (Object e : execute.getExprList()) {
                args.add((Expression) e);
            }
        }
        if (args.size() != prepared.types.size()) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "wrong number of parameters for prepared statement \"%s\"",
                    Identifiers.name(execute.getName())).withDetail("Expected " + prepared.types.size()
                    + " parameters but got " + args.size() + ".");
        }
        ExpressionBinder binder = new ExpressionBinder(ctx);
        Object[] values = new Object[args.size()];
        Object[] none = new Object[0];
        for (int i = 0; i < values.length; i++) {
            BoundExpr bound = binder.bind(args.get(i), Scope.empty());
            DataType target = prepared.types.get(i);
            BoundExpr converted = Coercions.coerce(bound, target, Casts.Context.ASSIGNMENT);
            if (converted == null) {
                throw DbException.of(SqlState.DATATYPE_MISMATCH,
                        "parameter $%d of type %s cannot be coerced to the expected type %s", i + 1,
                        bound.dataType().displayName(), target.displayName()).withPosition(ctx.pos(args.get(i)))
                        .withHint("You will need to rewrite or cast the expression.");
            }
            values[i] = converted.eval(none);
        }
        return values;
    }

    /** Parameter values given as text (the engine's API), parsed by the parameters' types. */
    static Object[] textArguments(Prepared prepared, List<String> texts) {
        if (texts.size() != prepared.types.size()) {
            throw DbException.of(SqlState.PROTOCOL_VIOLATION,
                    "bind message supplies %d parameters, but prepared statement requires %d", texts.size(),
                    prepared.types.size());
        }
        Object[] values = new Object[texts.size()];
        for (int i = 0; i < values.length; i++) {
            String text = texts.get(i);
            values[i] = text == null ? null : Coercions.convertLiteral(
                    new Literal(DataType.UNKNOWN, text, 0), prepared.types.get(i), false).value();
        }
        return values;
    }

    /**
     * The plan for one execution with these values: the generic one (kept, or bound again when
     * what it was made from changed) or a custom one, as plan_cache_mode says.
     */
    Plan plan(BindContext ctx, Prepared prepared, Object[] values) {
        if (useGeneric(ctx, prepared)) {
            Plan plan = genericPlan(ctx, prepared);
            plan.slots().set(values);
            return plan;
        }
        prepared.customPlans++;
        List<BoundExpr> literals = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            literals.add(new Literal(prepared.types.get(i), values[i], 0));
        }
        BindContext custom = new BindContext(ctx.session(), ctx.transaction(), prepared.statement.source(),
                ctx.notices(), literals);
        return new Plan(bindAgain(custom, prepared), null, () -> { });
    }

    /** The generic plan, kept or bound again when what it was made from changed; its slots unset. */
    Plan genericPlan(BindContext ctx, Prepared prepared) {
        PlanCache.Entry<Object> kept = prepared.generic;
        if (kept != null && PlanCache.take(ctx, kept)) {
            genericReuses.increment();
            return new Plan(kept.bound(), kept.slots(), kept::release);
        }
        ParameterSlots slots = new ParameterSlots(prepared.types);
        BindContext generic = generic(ctx, prepared.statement, slots);
        long statisticsVersion = PlanCache.bindStarts(generic);
        Object bound = bindAgain(generic, prepared);
        PlanCache.Entry<Object> entry = PlanCache.entry(generic, bound, statisticsVersion);
        if (entry == null) {
            return new Plan(bound, slots, () -> { });
        }
        prepared.generic = entry;
        return new Plan(bound, slots, entry::release);
    }

    private static boolean useGeneric(BindContext ctx, Prepared prepared) {
        return switch (Settings.planCacheMode(ctx.session())) {
            case "force_generic_plan" -> true;
            case "force_custom_plan" -> prepared.types.isEmpty();
            default -> prepared.types.isEmpty() || prepared.customPlans >= CUSTOM_PLANS_FIRST;
        };
    }

    /** Binds the statement again; its result columns must not have changed (0A000, as PostgreSQL). */
    private static Object bindAgain(BindContext ctx, Prepared prepared) {
        Object bound = BoundStatements.bind(ctx, prepared.statement.statement());
        if (!Objects.equals(BoundStatements.columns(bound), prepared.columns)) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
        }
        return bound;
    }
}
