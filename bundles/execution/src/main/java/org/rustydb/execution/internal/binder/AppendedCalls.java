package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.rustydb.execution.internal.expr.InputColumn;
import org.rustydb.execution.internal.types.DataType;

/**
 * Calls a plan node evaluates and appends to its input's columns (window functions for the
 * window node, set-returning functions for ProjectSet), collected while a query level is bound.
 * The same call written twice (the same text) is one column.
 *
 * @param <C> the call
 */
abstract class AppendedCalls<C> {
    private final List<C> calls = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final Function<C, DataType> typeOf;
    private int inputWidth = -1;

    AppendedCalls(Function<C, DataType> typeOf) {
        this.typeOf = typeOf;
    }

    public List<C> calls() {
        return calls;
    }

    /** Known once the node's input is (calls may be found before). */
    void inputWidth(int width) {
        this.inputWidth = width;
    }

    /** The column of the call written as {@code text}, added unless the same text was added before. */
    InputColumn add(String text, C call) {
        int index = texts.indexOf(text);
        if (index < 0) {
            calls.add(call);
            texts.add(text);
            index = calls.size() - 1;
        }
        return new Ref(this, index, typeOf.apply(call));
    }

    /** The value of a call in a row of the node. */
    record Ref(AppendedCalls<?> owner, int index, DataType dataType) implements InputColumn {
        @Override
        public int inputColumn() {
            return owner.inputWidth + index;
        }

        @Override
        public Object eval(Object[] row) {
            return row[owner.inputWidth + index];
        }
    }
}
