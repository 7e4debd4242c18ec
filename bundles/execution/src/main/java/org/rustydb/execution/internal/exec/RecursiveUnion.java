package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.spi.exec.SessionContext;

/**
 * WITH RECURSIVE: returns the anchor's rows, then runs the recursive part over the rows of the
 * previous step (its work table) until a step finds none. Without ALL, rows seen before are
 * dropped, which also ends recursions that come back to where they were.
 */
final class RecursiveUnion implements RowSource {
    private final PlanNode.RecursiveUnion node;
    private final PlanExecutor executor;
    private final SessionContext session;
    private final Set<HashKey> seen = new HashSet<>();
    private RowSource current;
    private List<Object[]> found = new ArrayList<>();
    private boolean anchorDone;
    private boolean done;

    RecursiveUnion(PlanNode.RecursiveUnion node, PlanExecutor executor, SessionContext session) {
        this.node = node;
        this.executor = executor;
        this.session = session;
        this.current = executor.open(node.anchor());
    }

    @Override
    public Object[] next() {
        if (done) {
            return null;
        }
        for (;;) {
            Object[] row = current.next();
            if (row != null) {
                if (!node.all() && !seen.add(new HashKey(row.clone()))) {
                    continue;
                }
                found.add(row);
                return row;
            }
            current.close();
            current = null;
            if (anchorDone && found.isEmpty()) {
                done = true;
                return null;
            }
            anchorDone = true;
            session.checkCancelled();
            node.workTable().replace(found);
            found = new ArrayList<>();
            current = executor.open(node.recursive());
        }
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
