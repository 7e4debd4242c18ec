package org.rustydb.execution.internal.function;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.session.SessionRegistry;

/**
 * pg_cancel_backend(pid) and pg_terminate_backend(pid [, timeout]): cancel a session's running
 * statement (57014) or end the session (FATAL 57P01) through the kernel's session registry. They
 * return false for a pid that is no session (PostgreSQL also warns). With a timeout in
 * milliseconds, pg_terminate_backend waits that long for the session to end and says whether it
 * did.
 */
public final class BackendFunctions {
    private static final long POLL_MILLIS = 10;

    private BackendFunctions() {
    }

    /** The functions, acting on whatever registry {@code registry} returns when called. */
    public static List<SqlFunction> all(Supplier<SessionRegistry> registry) {
        List<SqlFunction> f = new ArrayList<>();
        f.add(new BuiltinFunction("pg_cancel_backend", List.of(SqlType.INTEGER), SqlType.BOOLEAN,
                a -> require(registry).cancel((Integer) a[0])));
        f.add(new BuiltinFunction("pg_terminate_backend", List.of(SqlType.INTEGER), SqlType.BOOLEAN,
                a -> require(registry).terminate((Integer) a[0])));
        f.add(new BuiltinFunction("pg_terminate_backend", List.of(SqlType.INTEGER, SqlType.BIGINT), SqlType.BOOLEAN,
                a -> terminate(require(registry), (Integer) a[0], (Long) a[1])));
        return f;
    }

    private static SessionRegistry require(Supplier<SessionRegistry> registry) {
        SessionRegistry r = registry.get();
        if (r == null) {
            throw DbException.of(SqlState.CANNOT_CONNECT_NOW, "the session registry is not available");
        }
        return r;
    }

    private static boolean terminate(SessionRegistry registry, int pid, long timeoutMillis) {
        if (timeoutMillis < 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "\"timeout\" must not be negative");
        }
        if (!registry.terminate(pid)) {
            return false;
        }
        long deadline = System.nanoTime() + Math.min(timeoutMillis, Long.MAX_VALUE / 1_000_000L) * 1_000_000L;
        while (timeoutMillis > 0 && registry.session(pid).isPresent()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DbException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        }
        return true;
    }
}
