package org.rustydb.execution.internal.types;

import java.util.AbstractList;
import java.util.List;

/**
 * A value of int2vector or oidvector (pg_index.indkey, indoption...): an array whose subscripts
 * start at 0, as PostgreSQL's do, so {@code indoption[k - 1]} reads the k-th key column's options.
 * Elsewhere it is the array it wraps.
 */
public final class VectorValue extends AbstractList<Object> {
    private final List<?> elements;

    public VectorValue(List<?> elements) {
        this.elements = List.copyOf(elements);
    }

    /** The subscript of the first element: 0 for a vector, 1 for any other array. */
    public static int lowerBound(List<?> array) {
        return array instanceof VectorValue ? 0 : 1;
    }

    @Override
    public Object get(int index) {
        return elements.get(index);
    }

    @Override
    public int size() {
        return elements.size();
    }
}
