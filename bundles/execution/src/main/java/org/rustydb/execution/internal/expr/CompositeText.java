package org.rustydb.execution.internal.expr;

import org.rustydb.execution.internal.types.CompositeValue;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.execution.internal.types.SessionZone;

/** The text of a composite value, as PostgreSQL's record_out writes it. */
public record CompositeText(BoundExpr composite) implements BoundExpr {
    @Override
    public DataType dataType() {
        return DataType.TEXT;
    }

    @Override
    public Object eval(Object[] row) {
        Object value = composite.eval(row);
        return value == null ? null : ((CompositeValue) value).text(composite.dataType().fields(), SessionZone.get());
    }
}
