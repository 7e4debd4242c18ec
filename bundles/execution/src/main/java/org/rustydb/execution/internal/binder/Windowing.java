package org.rustydb.execution.internal.binder;

import org.rustydb.execution.internal.plan.WindowCall;

/**
 * The window function calls of a query level, collected while its select list and ORDER BY are
 * bound; each is a column after the input's in the rows of the window node.
 */
public final class Windowing extends AppendedCalls<WindowCall> {
    Windowing() {
        super(WindowCall::type);
    }
}
