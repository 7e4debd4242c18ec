package org.rustydb.execution.internal.settings;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.settings.Parameter.Kind;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.execution.internal.settings.Parameter.ListForm;

/**
 * The settings RustyDB knows, with PostgreSQL 15's names, defaults, value checks and descriptions.
 * A setting is accepted only when its value is honoured or changes nothing but what clients are
 * told (application_name, DateStyle before there are date types); one whose change RustyDB would
 * not act on yet fails with 0A000 rather than pretending.
 */
final class Parameters {
    private static final Map<String, Parameter> BY_KEY = new LinkedHashMap<>();
    /** By key and by PostgreSQL's spelling, as callers mostly write them: found without lower-casing. */
    private static final Map<String, Parameter> BY_SPELLING = new java.util.HashMap<>();

    /** PostgreSQL settings whose change RustyDB does not act on yet; neither SET nor SHOW them. */
    private static final Set<String> NOT_YET = Set.of("default_transaction_read_only",
            "synchronous_commit");

    /** The longest identifier in bytes (NAMEDATALEN - 1); application_name is cut to it, as in PostgreSQL. */
    static final int NAME_BYTES = 63;

    static {
        user("application_name", "", Parameters::applicationName,
                "Sets the application name to be reported in statistics and logs.");
        user("client_encoding", "UTF8", (n, v, c, r) -> ClientEncodings.canonical(v),
                "Sets the client's character set encoding.");
        add(new Parameter("DateStyle", Kind.USER, DateStyles.DEFAULT, (n, v, c, r) -> DateStyles.canonical(v, c, r), null, ListForm.LIST,
                "Sets the display format for date and time values."));
        user("default_transaction_isolation", "read committed", (n, v, c, r) -> isolation(v),
                "Sets the transaction isolation level of each new transaction.");
        user("extra_float_digits", "1",
                (n, v, c, r) -> Integer.toString(Durations.parseInteger(n, v, -15, 3)),
                "Sets the number of digits displayed for floating-point values.");
        user("idle_in_transaction_session_timeout", "0",
                (n, v, c, r) -> Durations.canonical(n, v),
                "Sets the maximum allowed idle time between queries, when in a transaction.");
        fixed("in_hot_standby", "off", "Shows whether hot standby is currently active.");
        fixed("integer_datetimes", "on", "Shows whether datetimes are integer based.");
        user("IntervalStyle", "postgres", Parameters::intervalStyle, "Sets the display format for interval values.");
        add(new Parameter("is_superuser", Kind.FIXED, "on", null, s -> RoleSettings.isSuperuser(s) ? "on" : "off",
                ListForm.SINGLE, "Shows whether the current user is a superuser."));
        user("lock_timeout", "0", (n, v, c, r) -> Durations.canonical(n, v),
                "Sets the maximum allowed duration of any wait for a lock.");
        fixed("max_identifier_length", "63", "Shows the maximum identifier length.");
        add(new Parameter("search_path", Kind.USER, "\"$user\", public", (n, v, c, r) -> searchPath(v), null,
                ListForm.QUOTED_LIST, "Sets the schema search order for names that are not schema-qualified."));
        user("plan_cache_mode", "auto", Parameters::planCacheMode,
                "Controls the planner's selection of custom or generic plan.");
        fixed("server_encoding", "UTF8", "Shows the server (database) character set encoding.");
        fixed("server_version", "15.0", "Shows the server version.");
        add(new Parameter("role", Kind.USER, "none", null, null, ListForm.SINGLE, "Sets the current role."));
        add(new Parameter("session_authorization", Kind.USER, "", null, SessionContext::sessionUser, ListForm.SINGLE,
                "Sets the session user name."));
        user("standard_conforming_strings", "on", Parameters::standardConformingStrings,
                "Causes '...' strings to treat backslashes literally.");
        user("statement_timeout", "0", (n, v, c, r) -> Durations.canonical(n, v),
                "Sets the maximum allowed duration of any statement.");
        user("TimeZone", TimeZones.serverDefault(), (n, v, c, r) -> TimeZones.canonical(v),
                "Sets the time zone for displaying and interpreting time stamps.");
        user("work_mem", "4MB", (n, v, c, r) -> MemorySizes.canonical(n, v, 64),
                "Sets the maximum memory to be used for query workspaces.");
        add(new Parameter("transaction_isolation", Kind.FIXED, "read committed", null, Settings::transactionIsolation,
                ListForm.SINGLE,
                "Sets the current transaction's isolation level."));
        add(new Parameter("transaction_read_only", Kind.FIXED, "off", null, Settings::transactionReadOnly,
                ListForm.SINGLE,
                "Sets the current transaction's read-only status."));
    }

    private Parameters() {
    }

    private static void user(String name, String defaultValue, Parameter.Check check, String description) {
        add(new Parameter(name, Kind.USER, defaultValue, check, null, ListForm.SINGLE, description));
    }

    private static void fixed(String name, String value, String description) {
        add(new Parameter(name, Kind.FIXED, value, null, null, ListForm.SINGLE, description));
    }

    private static void add(Parameter p) {
        BY_KEY.put(p.key(), p);
        BY_SPELLING.put(p.key(), p);
        BY_SPELLING.put(p.name(), p);
    }

    /** The setting of a name (any case), or null when RustyDB has none of that name. */
    static Parameter find(String name) {
        Parameter p = BY_SPELLING.get(name);
        return p != null ? p : BY_KEY.get(name.toLowerCase(Locale.ROOT));
    }

    /** True for a PostgreSQL setting RustyDB does not support yet. */
    static boolean notYet(String name) {
        return NOT_YET.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Every setting, ordered by name ignoring case as SHOW ALL lists them. */
    static List<Parameter> all() {
        return BY_KEY.values().stream().sorted(Comparator.comparing(Parameter::key)).toList();
    }

    /** PostgreSQL cuts it to 63 bytes (with a notice, given by the caller) and shows other than printable ASCII as '?'. */
    private static String applicationName(String name, String v, String current, String reset) {
        byte[] bytes = truncateName(v).getBytes(StandardCharsets.UTF_8);
        StringBuilder clean = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            clean.append(b >= 32 && b <= 126 ? (char) b : '?');
        }
        return clean.toString();
    }

    /** The longest prefix of whole characters within {@link #NAME_BYTES} UTF-8 bytes. */
    static String truncateName(String v) {
        int bytes = 0;
        int i = 0;
        while (i < v.length()) {
            int cp = v.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > NAME_BYTES) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return v.substring(0, i);
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

    /** Interval types do not exist yet, so each of PostgreSQL's styles is as good as another. */
    private static String intervalStyle(String name, String v, String current, String reset) {
        String style = v.toLowerCase(Locale.ROOT);
        if (List.of("postgres", "postgres_verbose", "sql_standard", "iso_8601").contains(style)) {
            return style;
        }
        throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"%s\": \"%s\"", name,
                v).withHint("Available values: postgres, postgres_verbose, sql_standard, iso_8601.");
    }

    private static String planCacheMode(String name, String v, String current, String reset) {
        String mode = v.toLowerCase(Locale.ROOT);
        if (List.of("auto", "force_generic_plan", "force_custom_plan").contains(mode)) {
            return mode;
        }
        throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"%s\": \"%s\"", name,
                v).withHint("Available values: auto, force_generic_plan, force_custom_plan.");
    }

    /** Only on: off would change how the lexer reads backslashes, which it does not support. */
    private static String standardConformingStrings(String name, String v, String current, String reset) {
        if (!bool(name, v)) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "standard_conforming_strings = off is not supported yet");
        }
        return "on";
    }

    private static String searchPath(String v) {
        if (IdentifierList.split(v) == null) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"search_path\": \"%s\"",
                    v).withDetail("List syntax is invalid.");
        }
        return v;
    }

    /** PostgreSQL's parse_bool: true, false, yes, no and their prefixes, on, off (at least "of"), 1, 0. */
    static boolean bool(String name, String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (!s.isEmpty()) {
            if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("1") || (s.length() >= 2 && "on".startsWith(s))) {
                return true;
            }
            if ("false".startsWith(s) || "no".startsWith(s) || s.equals("0")
                    || (s.length() >= 2 && "off".startsWith(s))) {
                return false;
            }
        }
        throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "parameter \"%s\" requires a Boolean value", name);
    }
}
