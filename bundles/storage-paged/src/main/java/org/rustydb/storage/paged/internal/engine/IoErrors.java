package org.rustydb.storage.paged.internal.engine;

import java.io.IOException;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/** I/O failures as PostgreSQL reports them: SQLSTATE 58030 (io_error). */
final class IoErrors {
    private IoErrors() {
    }

    static DbException wrap(String what, IOException e) {
        return DbException.of(SqlState.IO_ERROR, "%s: %s", what, e.getMessage()).withCause(e);
    }
}
