package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.InputColumn;
import org.rustydb.execution.internal.plan.WindowCall;
import org.rustydb.execution.internal.types.DataType;

/**
 * The window function calls of a query level, collected while its select list and ORDER BY are
 * bound; each is a column after the input's in the rows of the window node.
 */
public final class Windowing {
    private final List<WindowCall> calls = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private int inputWidth = -1;

    public List<WindowCall> calls() {
        return calls;
    }

    /** Known once the input of the window node is (aggregates may still be found before). */
    void inputWidth(int width) {
        this.inputWidth = width;
    }

    BoundExpr add(String text, WindowCall call) {
        int index = texts.indexOf(text);
        if (index < 0) {
            calls.add(call);
            texts.add(text);
            index = calls.size() - 1;
        }
        return new Ref(this, index, call.type());
    }

    /** The value of a window call in a row of the window node. */
    record Ref(Windowing windowing, int index, DataType dataType) implements InputColumn {
        @Override
        public int inputColumn() {
            return windowing.inputWidth + index;
        }

        @Override
        public Object eval(Object[] row) {
            return row[windowing.inputWidth + index];
        }
    }
}
