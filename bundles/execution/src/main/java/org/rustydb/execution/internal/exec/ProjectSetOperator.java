package org.rustydb.execution.internal.exec;

import java.util.Iterator;
import java.util.List;

import org.rustydb.execution.internal.plan.SetFunctionCall;
import org.rustydb.spi.exec.SessionContext;

/** Runs {@link org.rustydb.execution.internal.plan.PlanNode.ProjectSet}: the calls advance in step. */
final class ProjectSetOperator implements RowSource {
    private final RowSource input;
    private final List<SetFunctionCall> calls;
    private final SessionContext session;
    private Object[] current;
    private Iterator<Object>[] running;
    private int sinceCheck;

    @SuppressWarnings("unchecked")
    ProjectSetOperator(RowSource input, List<SetFunctionCall> calls, SessionContext session) {
        this.input = input;
        this.calls = calls;
        this.session = session;
        this.running = new Iterator[calls.size()];
    }

    @Override
    public Object[] next() {
        while (true) {
            if (current != null) {
                Object[] row = step();
                if (row != null) {
                    return row;
                }
            }
            current = input.next();
            if (current == null) {
                return null;
            }
            for (int i = 0; i < calls.size(); i++) {
                running[i] = calls.get(i).values(current);
            }
        }
    }

    /** The next row of the current input row, or null when every call is done. */
    private Object[] step() {
        if (++sinceCheck >= TableScan.CANCEL_CHECK_INTERVAL) {
            sinceCheck = 0;
            session.checkCancelled();
        }
        Object[] row = java.util.Arrays.copyOf(current, current.length + calls.size());
        boolean any = false;
        for (int i = 0; i < running.length; i++) {
            if (running[i].hasNext()) {
                row[current.length + i] = running[i].next();
                any = true;
            }
        }
        return any ? row : null;
    }

    @Override
    public void close() {
        input.close();
    }
}
