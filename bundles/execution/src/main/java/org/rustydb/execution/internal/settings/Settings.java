package org.rustydb.execution.internal.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.Notice;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.settings.Parameter.Kind;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * Session settings with PostgreSQL's rules: what SHOW shows, what SET, SET LOCAL, RESET and
 * set_config change, and the typed values the engine acts on. Values are stored in the session
 * (by lower-case name) only when set; otherwise the client's startup packet or the default
 * applies. Custom settings with a dotted name ({@code myapp.mode}) are plain strings, as in
 * PostgreSQL. Changes are transactional (see {@link SettingsTransaction}): the engine ends them
 * with {@link #endTransaction}.
 */
public final class Settings {
    /** Stored custom setting names, so that RESET ALL finds them; kept like SettingsTransaction's record. */
    private static final String CUSTOM_KEY = "\0custom-settings";
    private static final Pattern SIMPLE_IDENTIFIER = Pattern.compile("[A-Za-z_\\u0080-\\uffff][A-Za-z0-9_$\\u0080-\\uffff]*");

    private Settings() {
    }

    /** One row of SHOW ALL. */
    public record Row(String name, String setting, String description) {
    }

    /** The value SHOW prints: 42704 for an unknown name, 0A000 for a setting not supported yet. */
    public static String show(SessionContext session, String name) {
        String value = showOrNull(session, name);
        if (value == null) {
            if (Parameters.notYet(name)) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "parameter \"%s\" is not supported yet", name);
            }
            throw unrecognized(name);
        }
        return value;
    }

    /** The value SHOW prints, or null when there is no such setting. */
    public static String showOrNull(SessionContext session, String name) {
        Parameter p = Parameters.find(name);
        if (p != null) {
            return value(session, p);
        }
        return isCustomName(name) ? session.setting(name.toLowerCase(Locale.ROOT)) : null;
    }

    /** The column name of SHOW: the setting's own spelling ({@code TimeZone}), or the name given. */
    public static String columnName(String name) {
        Parameter p = Parameters.find(name);
        return p != null ? p.name() : name.toLowerCase(Locale.ROOT);
    }

    /** SHOW ALL. */
    public static List<Row> showAll(SessionContext session) {
        List<Row> rows = new ArrayList<>();
        for (Parameter p : Parameters.all()) {
            rows.add(new Row(p.name(), value(session, p), p.description()));
        }
        return rows;
    }

    /**
     * The value SET gives for its arguments, as PostgreSQL's flatten_set_variable_args makes it:
     * list settings join them with ", " (search_path quoting strings as identifiers), others take
     * exactly one (22023 otherwise).
     *
     * @param arguments each value's text and whether it was a number (never quoted); null for DEFAULT
     */
    public static String valueOf(String name, List<String> arguments, List<Boolean> numeric) {
        if (arguments == null) {
            return null;
        }
        Parameter p = Parameters.find(name);
        Parameter.ListForm form = p == null ? Parameter.ListForm.SINGLE : p.list();
        if (form == Parameter.ListForm.SINGLE && arguments.size() > 1) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "SET %s takes only one argument", name);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            boolean quote = form == Parameter.ListForm.QUOTED_LIST && !numeric.get(i);
            parts.add(quote ? Identifiers.quote(arguments.get(i)) : arguments.get(i));
        }
        return String.join(", ", parts);
    }

    /**
     * SET, SET LOCAL or (with a null value) RESET of one setting, and set_config.
     *
     * @param notices where PostgreSQL's notices about the value go (application_name being cut)
     */
    public static void set(SessionContext session, String name, String value, boolean local,
                           Consumer<Notice> notices) {
        Parameter p = Parameters.find(name);
        if (p == null) {
            setCustom(session, name, value, local);
            return;
        }
        settable(p);
        if (p.key().equals(SessionContext.ROLE_SETTING)) {
            store(session, p.key(), RoleSettings.role(session, value), local);
            return;
        }
        if (p.key().equals(SessionContext.SESSION_AUTHORIZATION_SETTING)) {
            // a new session user starts without a role of its own choosing, as in PostgreSQL
            store(session, p.key(), RoleSettings.sessionAuthorization(session, value), local);
            store(session, SessionContext.ROLE_SETTING, null, local);
            return;
        }
        String stored = null;
        if (value != null) {
            if (p.key().equals("application_name") && !Parameters.truncateName(value).equals(value)) {
                notices.accept(Notice.notice(SqlState.NAME_TOO_LONG, String.format("identifier \"%s\" will be truncated to \"%s\"",
                        value, Parameters.truncateName(value))));
            }
            stored = p.check().canonical(name, value, value(session, p), resetValue(session, p));
        }
        store(session, p.key(), stored, local);
    }

    /**
     * RESET ALL: every setting users can change goes back to its startup value or default, except
     * the role and the session user (PostgreSQL's GUC_NO_RESET_ALL).
     */
    public static void resetAll(SessionContext session) {
        for (Parameter p : Parameters.all()) {
            if (p.kind() == Kind.USER && session.setting(p.key()) != null && !isRole(p)) {
                store(session, p.key(), null, false);
            }
        }
        for (String key : customKeys(session)) {
            store(session, key, "", false);
        }
    }

    /** Ends the current transaction's setting changes; the engine calls it whenever a transaction ends. */
    public static void endTransaction(SessionContext session, boolean commit) {
        SettingsTransaction.end(session, commit);
    }

    /**
     * A block failed: without savepoints its changes are undone now (its transaction ends), with
     * savepoints only those since the newest one, as PostgreSQL aborts the subtransaction.
     */
    public static void blockFailed(SessionContext session) {
        Transaction open = session.openTransaction();
        if (open != null && open.state() == Transaction.State.ACTIVE && open.hasSavepoints()) {
            SettingsTransaction.abortNewest(session);
        } else {
            SettingsTransaction.end(session, false);
        }
    }

    private static boolean isRole(Parameter p) {
        return p.key().equals(SessionContext.ROLE_SETTING) || p.key().equals(SessionContext.SESSION_AUTHORIZATION_SETTING);
    }

    private static void store(SessionContext session, String key, String value, boolean local) {
        SettingsTransaction.recordChange(session, key, local, value);
        session.setSetting(key, value);
    }

    private static void setCustom(SessionContext session, String name, String value, boolean local) {
        if (Parameters.notYet(name)) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "parameter \"%s\" is not supported yet", name);
        }
        if (!isCustomName(name)) {
            if (name.indexOf('.') >= 0) {
                throw DbException.of(SqlState.INVALID_NAME, "invalid configuration parameter name \"%s\"", name)
                        .withDetail("Custom parameter names must be two or more simple identifiers separated by dots.");
            }
            throw unrecognized(name);
        }
        String key = name.toLowerCase(Locale.ROOT);
        List<String> customs = customKeys(session);
        if (!customs.contains(key)) {
            customs.add(key);
            session.setSetting(CUSTOM_KEY, SettingsTransaction.Fields.encode(customs));
        }
        // a custom setting, once defined, stays defined: RESET makes it empty, as in PostgreSQL
        store(session, key, value == null ? "" : value, local);
    }

    private static List<String> customKeys(SessionContext session) {
        String text = session.setting(CUSTOM_KEY);
        return text == null ? new ArrayList<>() : new ArrayList<>(SettingsTransaction.Fields.decode(text));
    }

    /** Two or more simple identifiers separated by dots. */
    private static boolean isCustomName(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length < 2) {
            return false;
        }
        for (String part : parts) {
            if (!SIMPLE_IDENTIFIER.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    private static void settable(Parameter p) {
        switch (p.kind()) {
            case USER -> { }
            case FIXED -> throw DbException.of(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"%s\" cannot be changed",
                    p.name());
            case NOT_YET -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "parameter \"%s\" is not supported yet", p.name());
            default -> throw new IllegalStateException(p.kind().toString());
        }
    }

    private static DbException unrecognized(String name) {
        return DbException.of(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"%s\"", name);
    }

    /** The value now: computed, set, from the startup packet, or the default. */
    static String value(SessionContext session, Parameter p) {
        if (p.computed() != null) {
            return p.computed().apply(session);
        }
        String set = session.setting(p.key());
        return set != null ? set : resetValue(session, p);
    }

    /**
     * Reset values per session, keyed by the session's startup parameters (one immutable map per
     * session, compared by identity): canonicalizing a requested TimeZone or DateStyle is costly,
     * and a client's ParameterStatus check asks for them after every statement.
     */
    private static final Cache<Map<String, String>, Map<Parameter, String>> RESET_VALUES =
            Caffeine.newBuilder().weakKeys().build();

    /** What RESET restores: the value the client asked for at startup where valid, else the default. */
    private static String resetValue(SessionContext session, Parameter p) {
        if (p.kind() != Kind.USER || isRole(p)) {
            return p.defaultValue();
        }
        Map<String, String> startup = session.parameters();
        if (startup.isEmpty() || !startup.containsKey(p.name()) && !startup.containsKey(p.key())) {
            return p.defaultValue(); // the client asked for nothing: no cache lookup
        }
        return RESET_VALUES.get(startup, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(p, q -> requestedOrDefault(session, q));
    }

    private static String requestedOrDefault(SessionContext session, Parameter p) {
        String requested = session.parameters().get(p.name());
        if (requested == null) {
            requested = session.parameters().get(p.key());
        }
        if (requested != null) {
            try {
                return p.check().canonical(p.name(), requested, p.defaultValue(), p.defaultValue());
            } catch (DbException e) {
                return p.defaultValue();
            }
        }
        return p.defaultValue();
    }

    private static String value(SessionContext session, String name) {
        return value(session, Parameters.find(name));
    }

    /** transaction_isolation: the open transaction's level, else the level the next one gets. */
    static String transactionIsolation(SessionContext session) {
        Transaction open = session.openTransaction();
        return open == null ? defaultIsolation(session).sqlName() : open.isolationLevel().sqlName();
    }

    /** transaction_read_only: whether the open transaction is read-only. */
    static String transactionReadOnly(SessionContext session) {
        Transaction open = session.openTransaction();
        return open != null && open.isReadOnly() ? "on" : "off";
    }

    /** The isolation level of a transaction begun without one: default_transaction_isolation. */
    public static IsolationLevel defaultIsolation(SessionContext session) {
        String level = value(session, "default_transaction_isolation");
        for (IsolationLevel known : IsolationLevel.values()) {
            if (known.sqlName().equals(level)) {
                return known;
            }
        }
        return IsolationLevel.READ_COMMITTED;
    }

    /** statement_timeout in milliseconds, 0 for none. */
    public static long statementTimeoutMillis(SessionContext session) {
        return Durations.parse("statement_timeout", value(session, "statement_timeout"));
    }

    /** lock_timeout in milliseconds, 0 for none: how long a statement may wait for one lock. */
    public static long lockTimeoutMillis(SessionContext session) {
        return Durations.parse("lock_timeout", value(session, "lock_timeout"));
    }

    /** work_mem in bytes: the memory one sort or hash table may use before it spills to disk. */
    /** plan_cache_mode: auto, force_generic_plan or force_custom_plan. */
    public static String planCacheMode(SessionContext session) {
        return value(session, "plan_cache_mode");
    }

    public static long workMemBytes(SessionContext session) {
        return MemorySizes.parse("work_mem", value(session, "work_mem"), 64) * 1024L;
    }

    /** search_path as the list of names it holds ({@code $user} included as written). */
    static List<String> searchPath(SessionContext session) {
        String value = value(session, "search_path");
        SplitPath last = lastSearchPath;
        if (last != null && last.value.equals(value)) {
            return last.names;
        }
        List<String> names = IdentifierList.split(value);
        names = names == null ? List.of() : List.copyOf(names);
        lastSearchPath = new SplitPath(value, names);
        return names;
    }

    /** A search_path value and its names: every name resolution splits it, and most sessions share one. */
    private record SplitPath(String value, List<String> names) {
    }

    private static volatile SplitPath lastSearchPath;
}
