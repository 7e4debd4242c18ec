package org.rustydb.operations.internal;

import java.util.List;
import java.util.function.Supplier;

import org.rustydb.api.Database;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/** Checks shared by the built-in commands, so that they fail alike. */
final class Arguments {
    private Arguments() {
    }

    static void requireNone(String command, List<String> arguments) {
        if (!arguments.isEmpty()) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "%s:%s takes no arguments", ShellBridge.SCOPE,
                    command);
        }
    }

    /** The Database service, or 57P03 when the kernel is not running. */
    static Database requireDatabase(Supplier<Database> database) {
        Database db = database.get();
        if (db == null) {
            throw DbException.of(SqlState.CANNOT_CONNECT_NOW, "no Database service is registered")
                    .withHint("Start the org.rustydb.kernel bundle.");
        }
        return db;
    }
}
