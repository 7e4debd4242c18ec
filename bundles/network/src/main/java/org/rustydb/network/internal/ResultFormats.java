package org.rustydb.network.internal;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * The result format codes of a Bind message: none (all text), one for every column, or one per
 * column.
 */
record ResultFormats(short[] codes) {
    static final ResultFormats TEXT = new ResultFormats(new short[0]);

    ResultFormats {
        for (short code : codes) {
            if (code != 0 && code != 1) {
                throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: %d", code);
            }
        }
    }

    /** Whether the column at this index (from 0) goes in binary. */
    boolean binary(int column) {
        if (codes.length == 0) {
            return false;
        }
        return (codes.length == 1 ? codes[0] : codes[column]) == 1;
    }

    /** Fails as PostgreSQL does when the codes cannot apply to a result of this many columns. */
    void check(int columns) {
        if (codes.length > 1 && codes.length != columns) {
            throw DbException.of(SqlState.PROTOCOL_VIOLATION, "bind message has %d result formats but query has %d columns",
                    codes.length, columns);
        }
    }
}
