package org.rustydb.execution.internal.function;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.execution.internal.settings.Settings;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.txn.Transaction;

/**
 * PostgreSQL's built-in functions that need the calling session, bound per statement with the
 * session they run for: pg_backend_pid(), pg_sleep(seconds) (which stops at a cancel or the
 * statement timeout), current_setting(name [, missing_ok]), set_config(name, value, is_local),
 * random() and setseed(seed) (void, shown as an empty text like pg_sleep's), current_schema() and
 * current_schemas(include_implicit), which depend on the schemas the statement's transaction sees.
 * pg_sleep takes whole seconds, as only integer types exist yet, and returns an empty text where
 * PostgreSQL returns void (printed the same).
 */
public final class SessionBuiltins {
    /** How long pg_sleep sleeps between cancel checks. */
    private static final long SLEEP_SLICE_MILLIS = 10;

    private SessionBuiltins() {
    }

    /** The overloads of {@code name} bound to {@code session}; empty when it is not one of these. */
    public static List<SqlFunction> overloads(SessionContext session, Transaction txn, String name,
                                              Consumer<Notice> notices) {
        return switch (name) {
            case "current_schema" -> List.of(new NonStrict(name, List.of(), SqlType.TEXT,
                    a -> SearchPath.currentSchema(session, txn)));
            case "current_schemas" -> List.of(new BuiltinFunction(name, List.of(SqlType.BOOLEAN), SqlType.TEXT_ARRAY,
                    a -> SearchPath.currentSchemas(session, txn, (Boolean) a[0])));
            case "pg_backend_pid" -> List.of(new BuiltinFunction(name, List.of(), SqlType.INTEGER,
                    a -> backendPid(session.sessionId())));
            case "pg_sleep" -> List.of(new BuiltinFunction(name, List.of(SqlType.BIGINT), SqlType.TEXT,
                    a -> sleep(session, (Long) a[0])));
            case "current_setting" -> List.of(
                    new BuiltinFunction(name, List.of(SqlType.TEXT), SqlType.TEXT,
                            a -> Settings.show(session, (String) a[0])),
                    new BuiltinFunction(name, List.of(SqlType.TEXT, SqlType.BOOLEAN), SqlType.TEXT,
                            a -> (Boolean) a[1] ? Settings.showOrNull(session, (String) a[0])
                                    : Settings.show(session, (String) a[0])));
            case "set_config" -> List.of(new NonStrict(name, List.of(SqlType.TEXT, SqlType.TEXT, SqlType.BOOLEAN),
                    SqlType.TEXT, a -> setConfig(session, a, notices)));
            case "random" -> List.of(new BuiltinFunction(name, List.of(), SqlType.DOUBLE,
                    a -> SessionRandom.random(session.sessionId())));
            case "setseed" -> List.of(new BuiltinFunction(name, List.of(SqlType.DOUBLE), SqlType.TEXT,
                    a -> SessionRandom.setseed(session.sessionId(), (Double) a[0])));
            case "pg_cancel_backend", "pg_terminate_backend" -> BackendFunctions.overloads(
                    new org.rustydb.execution.internal.catalog.CatalogReader(session, txn), name);
            default -> List.of();
        };
    }

    /** The process id clients see for a session: its id as a positive 32-bit number, as in BackendKeyData. */
    public static int backendPid(long sessionId) {
        return (int) (sessionId & 0x7fffffffL);
    }

    private static String sleep(SessionContext session, long seconds) {
        long deadline = System.nanoTime() + Math.max(0, Math.min(seconds, Long.MAX_VALUE / 1_000_000_000L))
                * 1_000_000_000L;
        while (true) {
            session.checkCancelled();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return "";
            }
            try {
                Thread.sleep(Math.min(SLEEP_SLICE_MILLIS, left / 1_000_000L + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DbException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        }
    }

    /** set_config: SET or SET LOCAL by name; a null value resets; the result is the new value. */
    private static String setConfig(SessionContext session, Object[] a, Consumer<Notice> notices) {
        String name = (String) a[0];
        if (name == null) {
            throw DbException.of(SqlState.NULL_VALUE_NOT_ALLOWED, "SET requires parameter name");
        }
        boolean local = a[2] != null && (Boolean) a[2];
        Settings.set(session, name, (String) a[1], local, notices);
        return Settings.show(session, name);
    }

    /** A function that receives NULL arguments instead of returning NULL for them. */
    private static final class NonStrict implements SqlFunction {
        private final BuiltinFunction function;

        NonStrict(String name, List<SqlType> parameterTypes, SqlType returnType, Function<Object[], Object> body) {
            this.function = new BuiltinFunction(name, parameterTypes, returnType, body);
        }

        @Override
        public String name() {
            return function.name();
        }

        @Override
        public List<SqlType> parameterTypes() {
            return function.parameterTypes();
        }

        @Override
        public SqlType returnType() {
            return function.returnType();
        }

        @Override
        public boolean isStrict() {
            return false;
        }

        @Override
        public Object invoke(Object[] arguments) {
            return function.invoke(arguments);
        }
    }
}
