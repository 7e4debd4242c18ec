package org.rustydb.storage.paged.internal.engine;

import java.io.IOException;

import org.rustydb.api.DbException;

/** I/O failures as PostgreSQL reports them: SQLSTATE 58030 (io_error). */
final class IoErrors {
    static final String IO_ERROR = "58030";

    private IoErrors() {
    }

    static DbException wrap(String what, IOException e) {
        return DbException.of(IO_ERROR, "%s: %s", what, e.getMessage()).withCause(e);
    }
}
