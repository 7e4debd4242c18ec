package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.execution.internal.expr.InputColumn;
import org.rustydb.execution.internal.plan.SetFunctionCall;
import org.rustydb.execution.internal.types.DataType;

/**
 * The set-returning function calls of a query level's select list, collected while it is bound;
 * each is a column after the input's in the rows of the ProjectSet node. The same call written
 * twice is one column, so {@code (f(a)).n} and {@code f(a)} advance together, as PostgreSQL's do.
 */
final class SetFunctions {
    private final List<SetFunctionCall> calls = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private int inputWidth = -1;

    List<SetFunctionCall> calls() {
        return calls;
    }

    /** Known once the input of the ProjectSet node is. */
    void inputWidth(int width) {
        this.inputWidth = width;
    }

    InputColumn add(String text, SetFunctionCall call) {
        int index = texts.indexOf(text);
        if (index < 0) {
            calls.add(call);
            texts.add(text);
            index = calls.size() - 1;
        }
        return new Ref(this, index, call.type());
    }

    /** The value of a set-returning call in a row of the ProjectSet node. */
    record Ref(SetFunctions functions, int index, DataType dataType) implements InputColumn {
        @Override
        public int inputColumn() {
            return functions.inputWidth + index;
        }

        @Override
        public Object eval(Object[] row) {
            return row[functions.inputWidth + index];
        }
    }
}
