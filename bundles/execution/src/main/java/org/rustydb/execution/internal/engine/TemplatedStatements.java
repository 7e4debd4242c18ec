package org.rustydb.execution.internal.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.parser.ConstantTemplate;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.execution.internal.types.NumericValues;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * Binds a statement from its {@link ConstantTemplate}: the template's parse with each {@code $n}
 * bound to the constant it stands for, as the binder binds that constant written in the text
 * (an integer is integer, bigint or numeric by its size, a number with a point or exponent numeric,
 * a string a literal of unknown type). Such a plan holds those values, so it may be kept for the
 * same text only.
 *
 * <p>When every constant is a number, the template can instead be bound once as a generic plan
 * whose {@code $n} are parameters of exactly the types those numbers have as literals; each
 * statement of that shape then runs it with its own numbers in the slots, as a prepared
 * statement's generic plan runs (pgbench's simple mode sends thousands of such statements a
 * second). A string constant is of unknown type until its context types it, which a parameter
 * does not mirror, so such statements keep the per-text plan.
 */
final class TemplatedStatements {
    private TemplatedStatements() {
    }

    /** What binding the statement needs: its constants for the template's {@code $n}. */
    static BindContext context(ParsedStatement.Templated statement, SessionContext session, Transaction txn,
                               HeldNotices notices) {
        return BindContext.withConstants(session, txn, statement.source(), notices,
                literals(statement.constants().constants()));
    }

    /**
     * The bound statement, or null when the template does not bind: then the statement as written
     * is parsed and bound, so that its error (with the text's own wording) is the one reported.
     * Errors that are not about the statement's text (a cancel, a lock timeout, a deadlock) are
     * its outcome, not the template's: they are thrown, never retried.
     */
    static Object bind(BindContext ctx, ParsedStatement.Templated statement) {
        try {
            return BoundStatements.bind(ctx, statement.template().statement());
        } catch (DbException e) {
            if (aboutTheText(e.sqlState())) {
                return null;
            }
            throw e;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Syntax or access rule, data exception, feature not supported: what the text itself decides. */
    private static boolean aboutTheText(String sqlState) {
        return sqlState != null && (sqlState.startsWith("42") || sqlState.startsWith("22")
                || sqlState.startsWith("0A"));
    }

    /**
     * The constants as the values of a generic plan's parameters, of the types their literals
     * have (see {@link Literal#ofInteger}); null unless all are numbers.
     */
    static Object[] numberValues(ParsedStatement.Templated statement) {
        List<ConstantTemplate.Constant> constants = statement.constants().constants();
        Object[] values = new Object[constants.size()];
        for (int i = 0; i < values.length; i++) {
            ConstantTemplate.Constant c = constants.get(i);
            if (!c.number()) {
                return null;
            }
            values[i] = number(c.value(), c.position()).value();
        }
        return values;
    }

    /** The parameter types of a generic plan for these values. */
    static List<DataType> typesOf(Object[] values) {
        List<DataType> types = new ArrayList<>(values.length);
        for (Object value : values) {
            types.add(value instanceof Integer ? DataType.INTEGER
                    : value instanceof Long ? DataType.BIGINT : DataType.NUMERIC);
        }
        return types;
    }

    static List<BoundExpr> literals(List<ConstantTemplate.Constant> constants) {
        List<BoundExpr> literals = new ArrayList<>(constants.size());
        for (ConstantTemplate.Constant c : constants) {
            literals.add(c.number() ? number(c.value(), c.position()) : new Literal(DataType.UNKNOWN, c.value(),
                    c.position()));
        }
        return literals;
    }

    private static Literal number(String text, int position) {
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        if (!digits.isEmpty() && digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            BigInteger value = new BigInteger(digits);
            return Literal.ofInteger(negative ? value.negate() : value, position);
        }
        BigDecimal value = NumericValues.parseNumeric(digits);
        return new Literal(DataType.NUMERIC, negative ? value.negate() : value, position);
    }

    /** Notices of a bind that may be abandoned: held until it succeeds, then passed on as they come. */
    static final class HeldNotices implements ResultSink {
        private final ResultSink target;
        private List<Notice> held = new ArrayList<>();

        HeldNotices(ResultSink target) {
            this.target = target;
        }

        @Override
        public void accept(Result result) {
            target.accept(result);
        }

        @Override
        public void notice(Notice notice) {
            if (held != null) {
                held.add(notice);
            } else {
                target.notice(notice);
            }
        }

        void release() {
            List<Notice> pending = held;
            held = null;
            pending.forEach(target::notice);
        }
    }
}
