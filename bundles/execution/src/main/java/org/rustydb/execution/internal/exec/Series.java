package org.rustydb.execution.internal.exec;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.spi.exec.SessionContext;

/** generate_series over integers: start, start + step, ... while not past stop; nothing if an argument is NULL. */
final class Series {
    private Series() {
    }

    static RowSource open(PlanNode.Series node, SessionContext session) {
        Object[] none = new Object[0];
        Object start = node.start().eval(none);
        Object stop = node.stop().eval(none);
        Object stepValue = node.step() == null ? 1L : node.step().eval(none);
        if (start == null || stop == null || stepValue == null) {
            return Operators.limit(Operators.singleRow(), 0, 0);
        }
        long from = ((Number) start).longValue();
        long to = ((Number) stop).longValue();
        long step = ((Number) stepValue).longValue();
        if (step == 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
        }
        boolean integer = node.type().type() == SqlType.INTEGER;
        return new RowSource() {
            private long next = from;
            private boolean done;
            private int sinceCheck;

            @Override
            public Object[] next() {
                if (done || (step > 0 ? next > to : next < to)) {
                    return null;
                }
                long value = next;
                try {
                    next = Math.addExact(next, step);
                } catch (ArithmeticException overflow) {
                    done = true;
                }
                if (++sinceCheck >= TableScan.CANCEL_CHECK_INTERVAL) {
                    sinceCheck = 0;
                    session.checkCancelled();
                }
                return new Object[] {integer ? (Object) (int) value : (Object) value};
            }

            @Override
            public void close() {
                done = true;
            }
        };
    }
}
