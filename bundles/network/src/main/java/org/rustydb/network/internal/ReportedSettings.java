package org.rustydb.network.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rustydb.api.Session;

/**
 * The settings PostgreSQL 15 reports to clients with ParameterStatus (its GUC_REPORT settings):
 * all of them after authentication, then each one whose value changed just before ReadyForQuery,
 * as PostgreSQL does. Clients track them: pgjdbc, for one, checks client_encoding, DateStyle and
 * standard_conforming_strings. Values come from the session ({@link Session#setting}); while no
 * query engine can tell, the values RustyDB starts with stand in.
 */
final class ReportedSettings {
    /** Each reported setting with its value when the session cannot say. */
    private static final Map<String, String> FALLBACK = new LinkedHashMap<>();

    static {
        FALLBACK.put("application_name", "");
        FALLBACK.put("client_encoding", "UTF8");
        FALLBACK.put("DateStyle", "ISO, MDY");
        FALLBACK.put("default_transaction_read_only", "off");
        FALLBACK.put("in_hot_standby", "off");
        FALLBACK.put("integer_datetimes", "on");
        FALLBACK.put("IntervalStyle", "postgres");
        FALLBACK.put("is_superuser", "on");
        FALLBACK.put("server_encoding", "UTF8");
        FALLBACK.put("server_version", "15.0");
        FALLBACK.put("session_authorization", "");
        FALLBACK.put("standard_conforming_strings", "on");
        FALLBACK.put("TimeZone", "UTC");
    }

    /**
     * The setting name under which the kernel's sessions answer with a token that changes whenever
     * a reported value may have: while it is the one last seen, nothing is looked up. A session
     * that does not know it (null) has its settings read each time.
     */
    static final String SETTINGS_TOKEN = "\0settings-token";

    private final Map<String, String> reported = new LinkedHashMap<>();
    /** The token when the values were last read, or null. */
    private String readAt;

    /** Sends every reported setting, as after authentication. */
    void sendAll(Session session, Map<String, String> startupParameters, String clientEncoding,
                 MessageWriter writer) throws IOException {
        readAt = session.setting(SETTINGS_TOKEN);
        for (Map.Entry<String, String> e : FALLBACK.entrySet()) {
            String value = session.setting(e.getKey());
            if (value == null) {
                value = switch (e.getKey()) {
                    case "application_name" -> startupParameters.getOrDefault("application_name", "");
                    case "client_encoding" -> clientEncoding;
                    case "session_authorization" -> session.user();
                    default -> e.getValue();
                };
            }
            reported.put(e.getKey(), value);
            writer.parameterStatus(e.getKey(), value);
        }
    }

    /** Sends the settings whose value differs from the one last sent. */
    void sendChanged(Session session, MessageWriter writer) throws IOException {
        String token = session.setting(SETTINGS_TOKEN);
        if (token != null && token.equals(readAt)) {
            return;
        }
        readAt = token;
        for (Map.Entry<String, String> e : reported.entrySet()) {
            String value = session.setting(e.getKey());
            if (value != null && !value.equals(e.getValue())) {
                e.setValue(value);
                writer.parameterStatus(e.getKey(), value);
            }
        }
    }

    /**
     * idle_in_transaction_session_timeout in milliseconds (0: none), from the value as SHOW shows
     * it: a number with one of the units ms, s, min, h, d.
     */
    static int idleInTransactionTimeoutMillis(Session session) {
        String value = session.setting("idle_in_transaction_session_timeout");
        if (value == null || value.isEmpty()) {
            return 0;
        }
        int digits = 0;
        while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
            digits++;
        }
        long multiplier = switch (value.substring(digits)) {
            case "", "ms" -> 1;
            case "s" -> 1000;
            case "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> 0; // not a form SHOW produces: no timeout rather than a wrong one
        };
        try {
            return (int) Math.min(Integer.MAX_VALUE, Long.parseLong(value.substring(0, digits)) * multiplier);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
