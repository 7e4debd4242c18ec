package org.rustydb.execution.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.ResultSink;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.execution.internal.parser.SettingCommand;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * SET, RESET and SHOW of session settings, with PostgreSQL's names and defaults. Only settings
 * whose value is honoured (or purely informational, like application_name) are accepted; a
 * setting PostgreSQL has but RustyDB does not act on yet fails with 0A000 rather than pretending.
 */
final class SessionSettings {

    /** A known setting: its canonical name, default, whether SET may change it, and its check. */
    private record Parameter(String name, String defaultValue, boolean settable, UnaryOperator<String> check,
                             String description) {
    }

    private static final Map<String, Parameter> PARAMETERS = new LinkedHashMap<>();

    /** PostgreSQL settings that would change behaviour RustyDB does not have yet. */
    private static final Set<String> NOT_YET = Set.of("lock_timeout",
            "idle_in_transaction_session_timeout", "default_transaction_read_only",
            "search_path", "work_mem", "synchronous_commit", "role", "session_authorization");

    static {
        add("application_name", "", true, v -> v, "Sets the application name to be reported in statistics and logs.");
        add("client_encoding", "UTF8", true, SessionSettings::encoding, "Sets the client's character set encoding.");
        add("DateStyle", "ISO, MDY", true, SessionSettings::dateStyle, "Sets the display format for date and time values.");
        add("TimeZone", "UTC", true, SessionSettings::timeZone, "Sets the time zone for displaying and interpreting time stamps.");
        add("IntervalStyle", "postgres", true, only("postgres"), "Sets the display format for interval values.");
        add("extra_float_digits", "1", true, SessionSettings::extraFloatDigits,
                "Sets the number of digits displayed for floating-point values.");
        add("standard_conforming_strings", "on", true, only("on"), "Causes '...' strings to treat backslashes literally.");
        add("server_version", "15.0", false, v -> v, "Shows the server version.");
        add("server_encoding", "UTF8", false, v -> v, "Shows the server (database) character set encoding.");
        add("integer_datetimes", "on", false, v -> v, "Shows whether datetimes are integer based.");
        add("max_identifier_length", "63", false, v -> v, "Shows the maximum identifier length.");
        add("transaction_isolation", "read committed", false, v -> v,
                "Sets the current transaction's isolation level.");
        add("transaction_read_only", "off", false, v -> v, "Sets the current transaction's read-only status.");
        add("default_transaction_isolation", "read committed", true, SessionSettings::isolation,
                "Sets the transaction isolation level of each new transaction.");
        add("statement_timeout", "0", true, SessionSettings::duration,
                "Sets the maximum allowed duration of any statement.");
        add("lock_timeout", "0", true, SessionSettings::duration,
                "Sets the maximum allowed duration of any wait for a lock.");
    }

    private SessionSettings() {
    }

    private static void add(String name, String defaultValue, boolean settable, UnaryOperator<String> check,
                            String description) {
        PARAMETERS.put(name.toLowerCase(Locale.ROOT), new Parameter(name, defaultValue, settable, check, description));
    }

    /**
     * Runs SET, RESET or SHOW; {@code current} is the transaction statements run in now (the open
     * block's or an implicit one), whose modes transaction_isolation and transaction_read_only show.
     */
    static void run(SessionContext session, Transaction current, SettingCommand command, ResultSink sink) {
        switch (command.kind()) {
            case SET -> {
                Parameter p = settable(command.name());
                session.setSetting(key(p), command.value() == null ? null : p.check().apply(command.value()));
                TransactionControl.deliver(sink, "SET");
            }
            case RESET -> {
                if (command.name().equals("all")) {
                    PARAMETERS.values().stream().filter(Parameter::settable)
                            .forEach(p -> session.setSetting(key(p), null));
                } else {
                    session.setSetting(key(settable(command.name())), null);
                }
                TransactionControl.deliver(sink, "RESET");
            }
            case SHOW -> show(session, current, command.name(), sink);
            default -> throw new IllegalStateException("unknown setting command " + command.kind());
        }
    }

    private static void show(SessionContext session, Transaction current, String name, ResultSink sink) {
        List<Object[]> rows = new ArrayList<>();
        List<Column> columns;
        if (name.equals("all")) {
            columns = List.of(new Column("name", SqlType.TEXT), new Column("setting", SqlType.TEXT),
                    new Column("description", SqlType.TEXT));
            PARAMETERS.values().forEach(p -> rows.add(new Object[] {p.name(), value(session, current, p),
                    p.description()}));
        } else {
            Parameter p = known(name);
            columns = List.of(new Column(p.name(), SqlType.TEXT));
            rows.add(new Object[] {value(session, current, p)});
        }
        Result result = Results.rows(columns, rows, "SHOW");
        try {
            sink.accept(result);
        } finally {
            result.close();
        }
    }

    private static String value(SessionContext session, Transaction current, Parameter p) {
        if (p.name().equals("transaction_isolation")) {
            return current == null ? defaultIsolation(session).sqlName() : current.isolationLevel().sqlName();
        }
        if (p.name().equals("transaction_read_only")) {
            return current != null && current.isReadOnly() ? "on" : "off";
        }
        return value(session, p);
    }

    private static String value(SessionContext session, Parameter p) {
        String set = session.setting(key(p));
        return set != null ? set : startupValue(session, p);
    }

    /** The value the client asked for in its startup packet, where that is valid, else the default. */
    private static String startupValue(SessionContext session, Parameter p) {
        String requested = session.parameters().get(p.name());
        if (requested == null) {
            requested = session.parameters().get(key(p));
        }
        if (requested != null && p.settable()) {
            try {
                return p.check().apply(requested);
            } catch (DbException e) {
                return p.defaultValue();
            }
        }
        return p.defaultValue();
    }

    private static Parameter known(String name) {
        Parameter p = PARAMETERS.get(name);
        if (p != null) {
            return p;
        }
        if (NOT_YET.contains(name)) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "parameter \"%s\" is not supported yet", name);
        }
        throw DbException.of(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"%s\"", name);
    }

    private static Parameter settable(String name) {
        Parameter p = known(name);
        if (!p.settable()) {
            throw DbException.of(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"%s\" cannot be changed", p.name());
        }
        return p;
    }

    private static String key(Parameter p) {
        return p.name().toLowerCase(Locale.ROOT);
    }

    private static UnaryOperator<String> only(String allowed) {
        return v -> {
            if (!v.equalsIgnoreCase(allowed)) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "only %s is supported for this parameter yet",
                        allowed);
            }
            return allowed;
        };
    }

    private static String isolation(String v) {
        String level = v.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        for (IsolationLevel known : IsolationLevel.values()) {
            if (known.sqlName().equals(level)) {
                return level;
            }
        }
        throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for parameter \"default_transaction_isolation\": \"%s\"", v)
                .withHint("Available values: serializable, repeatable read, read committed, read uncommitted.");
    }

    /** lock_timeout in milliseconds, 0 for none. */
    static long lockTimeoutMillis(SessionContext session) {
        return millis(value(session, PARAMETERS.get("lock_timeout")));
    }

    /** statement_timeout in milliseconds, 0 for none. */
    static long statementTimeoutMillis(SessionContext session) {
        return millis(value(session, PARAMETERS.get("statement_timeout")));
    }

    private static final String[] UNITS = {"d", "h", "min", "s", "ms"};
    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};

    /**
     * A duration in milliseconds (a bare number) or with a unit (ms, s, min, h, d), shown as
     * PostgreSQL shows it: in the largest unit that divides it, e.g. {@code 1500ms}, {@code 2min}.
     */
    private static String duration(String v) {
        long ms = parseMillis(v.trim());
        if (ms == 0) {
            return "0";
        }
        for (int i = 0; i < UNITS.length; i++) {
            if (ms % UNIT_MILLIS[i] == 0) {
                return ms / UNIT_MILLIS[i] + UNITS[i];
            }
        }
        return ms + "ms";
    }

    private static final java.util.regex.Pattern DURATION =
            java.util.regex.Pattern.compile("(-?\\d+)\\s*([a-z]*)");

    private static long parseMillis(String v) {
        java.util.regex.Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalidTimeout(v, null);
        }
        String unit = m.group(2).isEmpty() ? "ms" : m.group(2);
        int index = java.util.Arrays.asList(UNITS).indexOf(unit);
        if (index < 0) {
            throw invalidTimeout(v,
                    "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
        }
        long n;
        try {
            n = Math.multiplyExact(Long.parseLong(m.group(1)), UNIT_MILLIS[index]);
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalidTimeout(v, "Value exceeds integer range.");
        }
        if (n > Integer.MAX_VALUE) {
            throw invalidTimeout(v, "Value exceeds integer range.");
        }
        if (n < 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "%d ms is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)", n);
        }
        return n;
    }

    private static DbException invalidTimeout(String v, String hint) {
        DbException e = DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"statement_timeout\": \"%s\"", v);
        return hint == null ? e : e.withHint(hint);
    }

    private static long millis(String canonical) {
        return canonical.equals("0") ? 0 : parseMillis(canonical);
    }

    /** The isolation level of a transaction begun without one: default_transaction_isolation. */
    static IsolationLevel defaultIsolation(SessionContext session) {
        String value = value(session, PARAMETERS.get("default_transaction_isolation"));
        for (IsolationLevel known : IsolationLevel.values()) {
            if (known.sqlName().equals(value)) {
                return known;
            }
        }
        return IsolationLevel.READ_COMMITTED;
    }

    private static String encoding(String v) {
        String upper = v.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (upper.equals("UTF8") || upper.equals("UNICODE")) {
            return "UTF8";
        }
        throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "client encoding \"%s\" is not supported yet", v)
                .withHint("Use UTF8.");
    }

    private static String dateStyle(String v) {
        // Dates arrive with the SQL types issue; until then only the output style clients expect.
        if (!v.toUpperCase(Locale.ROOT).replace(" ", "").startsWith("ISO")) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "only the ISO date style is supported yet");
        }
        return "ISO, MDY";
    }

    private static String timeZone(String v) {
        if (v.equalsIgnoreCase("utc") || v.equalsIgnoreCase("gmt") || v.equals("0") || v.equals("+00:00")) {
            return v.equalsIgnoreCase("gmt") ? "GMT" : "UTC";
        }
        throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "time zone \"%s\" is not supported yet", v)
                .withHint("Time zones arrive with the date and time types; use UTC.");
    }

    private static String extraFloatDigits(String v) {
        try {
            int digits = Integer.parseInt(v.trim());
            if (digits >= -15 && digits <= 3) {
                return Integer.toString(digits);
            }
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "%d is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)", digits);
        } catch (NumberFormatException e) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"extra_float_digits\": \"%s\"", v);
        }
    }
}
