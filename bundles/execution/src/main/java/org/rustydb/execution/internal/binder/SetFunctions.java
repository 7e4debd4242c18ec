package org.rustydb.execution.internal.binder;

import org.rustydb.execution.internal.plan.SetFunctionCall;

/**
 * The set-returning function calls of a query level's select list, collected while it is bound;
 * each is a column after the input's in the rows of the ProjectSet node. The same call written
 * twice is one column, so {@code (f(a)).n} and {@code f(a)} advance together, as PostgreSQL's do.
 */
final class SetFunctions extends AppendedCalls<SetFunctionCall> {
    SetFunctions() {
        super(SetFunctionCall::type);
    }
}
