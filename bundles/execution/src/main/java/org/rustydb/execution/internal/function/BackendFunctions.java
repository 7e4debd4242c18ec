package org.rustydb.execution.internal.function;

import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.catalog.CatalogReader;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.security.RoleInfo;
import org.rustydb.spi.session.SessionInfo;
import org.rustydb.spi.session.SessionRegistry;

/**
 * pg_cancel_backend(pid) and pg_terminate_backend(pid [, timeout]): cancel a session's running
 * statement (57014) or end the session (FATAL 57P01) through the kernel's session registry, which
 * the calling session reaches through its context. As in PostgreSQL, a superuser may signal any
 * session, another role only sessions of roles it has the privileges of (itself, or a role it is a
 * member of), and never a superuser's (42501). They return false for a pid that is no session.
 * With a timeout in milliseconds, pg_terminate_backend waits that long for the session to end and
 * says whether it did.
 */
public final class BackendFunctions {
    private static final long POLL_MILLIS = 10;

    private BackendFunctions() {
    }

    /** The overloads of {@code name} for the calling session; empty when it is not one of these. */
    public static List<SqlFunction> overloads(CatalogReader caller, String name) {
        return switch (name) {
            case "pg_cancel_backend" -> List.of(new BuiltinFunction(name, List.of(SqlType.INTEGER), SqlType.BOOLEAN,
                    a -> signal(caller, (Integer) a[0], false, 0)));
            case "pg_terminate_backend" -> List.of(
                    new BuiltinFunction(name, List.of(SqlType.INTEGER), SqlType.BOOLEAN,
                            a -> signal(caller, (Integer) a[0], true, 0)),
                    new BuiltinFunction(name, List.of(SqlType.INTEGER, SqlType.BIGINT), SqlType.BOOLEAN,
                            a -> signal(caller, (Integer) a[0], true, (Long) a[1])));
            default -> List.of();
        };
    }

    private static boolean signal(CatalogReader caller, int pid, boolean terminate, long timeoutMillis) {
        if (timeoutMillis < 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "\"timeout\" must not be negative");
        }
        SessionRegistry registry = caller.session().sessionRegistry().orElseThrow(
                () -> DbException.of(SqlState.CANNOT_CONNECT_NOW, "the session registry is not available"));
        SessionInfo target = registry.session(pid).orElse(null);
        if (target == null) {
            return false;
        }
        checkAllowed(caller, target.user(), terminate);
        if (!(terminate ? registry.terminate(pid) : registry.cancel(pid))) {
            return false;
        }
        return !terminate || awaitEnd(registry, pid, timeoutMillis);
    }

    /** 42501 unless the caller may signal a session of {@code user}. */
    private static void checkAllowed(CatalogReader caller, String user, boolean terminate) {
        if (RoleChecks.isSuperuser(caller)) {
            return;
        }
        RoleInfo target = RoleChecks.role(caller, user);
        if (target != null && target.superuser()) {
            throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, terminate
                    ? "must be a superuser to terminate superuser process" : "must be a superuser to cancel superuser query");
        }
        if (!RoleChecks.hasPrivilegesOf(caller, user)) {
            throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, terminate
                    ? "must be a member of the role whose process is being terminated or member of pg_signal_backend"
                    : "must be a member of the role whose query is being canceled or member of pg_signal_backend");
        }
    }

    private static boolean awaitEnd(SessionRegistry registry, int pid, long timeoutMillis) {
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
