package org.rustydb.spi.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A range of index keys. Each bound is a prefix of the key columns' values (fewer values than key
 * columns compare on those columns only); an empty bound is unbounded. Values must already have
 * the column types and must not be NULL (a comparison with NULL selects nothing, the caller's
 * business). Keys with a NULL in a bounded column are outside every bounded range.
 *
 * <p>Equality on the first column: {@code KeyRange.equal(5)}; {@code a > 3 AND a <= 9}:
 * {@code new KeyRange(List.of(3), false, List.of(9), true)}.
 *
 * @param lower          the lower bound, empty for none
 * @param lowerInclusive whether keys equal to the lower bound (on its columns) are in the range
 * @param upper          the upper bound, empty for none
 * @param upperInclusive whether keys equal to the upper bound (on its columns) are in the range
 */
public record KeyRange(List<Object> lower, boolean lowerInclusive, List<Object> upper, boolean upperInclusive) {
    /** Every key, NULLs included. */
    public static final KeyRange ALL = new KeyRange(List.of(), true, List.of(), true);

    public KeyRange {
        lower = Collections.unmodifiableList(new ArrayList<>(lower));
        upper = Collections.unmodifiableList(new ArrayList<>(upper));
        if (lower.contains(null) || upper.contains(null)) {
            throw new IllegalArgumentException("a key range bound cannot contain NULL");
        }
    }

    /** Keys whose first columns equal {@code values}. */
    public static KeyRange equal(Object... values) {
        List<Object> prefix = List.of(values);
        return new KeyRange(prefix, true, prefix, true);
    }
}
