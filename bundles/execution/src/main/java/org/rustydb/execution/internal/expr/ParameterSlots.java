package org.rustydb.execution.internal.expr;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.DataType;

/**
 * The parameters ($1, $2, ...) of one generic plan: their types, fixed while the statement is bound
 * (declared by PREPARE, else deduced from the first context that needs one, as PostgreSQL's
 * variable parameters), and the values of the execution under way, set before its plan opens.
 * A plan serves one execution at a time, so one set of values is enough.
 */
public final class ParameterSlots {
    private final List<DataType> types = new ArrayList<>();
    private Object[] values = new Object[0];

    /** Slots with these declared types; a type of unknown is deduced like an undeclared one. */
    public ParameterSlots(List<DataType> declared) {
        types.addAll(declared);
    }

    /** The type of $n so far (unknown until deduced); using $n makes the statement have at least n parameters. */
    public DataType type(int n) {
        while (types.size() < n) {
            types.add(DataType.UNKNOWN);
        }
        return types.get(n - 1);
    }

    /** $n gets {@code type} if it has none yet; 42P08 when it was deduced as another type. */
    public DataType resolve(int n, DataType type, int position) {
        DataType now = type(n);
        DataType wanted = DataType.of(type.type());
        if (now.type() == SqlType.UNKNOWN) {
            types.set(n - 1, wanted);
            return wanted;
        }
        if (now.type() != wanted.type()) {
            throw DbException.of(SqlState.AMBIGUOUS_PARAMETER, "inconsistent types deduced for parameter $%d", n)
                    .withDetail(now.displayName() + " versus " + wanted.displayName()).withPosition(position);
        }
        return now;
    }

    public int count() {
        return types.size();
    }

    /** The parameters' types once binding is done: 42P18 for one no context gave a type. */
    public List<DataType> finalTypes() {
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).type() == SqlType.UNKNOWN) {
                throw DbException.of(SqlState.INDETERMINATE_DATATYPE, "could not determine data type of parameter $%d",
                        i + 1);
            }
        }
        return List.copyOf(types);
    }

    /** The values of the next execution, of the parameters' types. */
    public void set(Object[] values) {
        this.values = values.clone();
    }

    Object value(int n) {
        return values[n - 1];
    }
}
