package org.rustydb.network.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * A parsed and checked v3 StartupMessage. Every failure is FATAL, with PostgreSQL's SQLSTATE and
 * message, since there is no session to go on with.
 *
 * @param minorVersion       the minor protocol version the client asked for
 * @param parameters         the startup parameters, {@code database} defaulted to the user name
 * @param unsupportedOptions {@code _pq_.} protocol options the client asked for; none are supported
 * @param clientEncoding     the client encoding to report, UTF8 or SQL_ASCII
 */
record StartupMessage(int minorVersion, Map<String, String> parameters, List<String> unsupportedOptions,
                      String clientEncoding) {

    private static final String LAYOUT_ERROR = "invalid startup packet layout: expected terminator as last byte";

    String user() {
        return parameters.get("user");
    }

    /** True when the reply must start with NegotiateProtocolVersion. */
    boolean needsNegotiation() {
        return minorVersion > 0 || !unsupportedOptions.isEmpty();
    }

    /** Parses the packet after its version word. */
    static StartupMessage parse(int version, Payload packet) {
        int major = version >>> 16;
        int minor = version & 0xffff;
        if (major != 3) {
            throw fatal(SqlState.FEATURE_NOT_SUPPORTED,
                    "unsupported frontend protocol " + major + "." + minor + ": server supports 3.0 to 3.0");
        }
        Map<String, String> params = new LinkedHashMap<>();
        List<String> unsupported = new ArrayList<>();
        readParameters(packet, params, unsupported);

        String user = params.get("user");
        if (user == null || user.isEmpty()) {
            throw fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet");
        }
        String database = params.get("database");
        if (database == null || database.isEmpty()) {
            params.put("database", user); // PostgreSQL's default
        }
        String replication = params.get("replication");
        if (replication != null && !isFalse(replication)) {
            throw fatal(SqlState.FEATURE_NOT_SUPPORTED, "replication connections are not supported");
        }
        return new StartupMessage(minor, params, List.copyOf(unsupported), clientEncoding(params.get("client_encoding")));
    }

    /** Name/value pairs up to the empty name, which must be the packet's last byte. */
    private static void readParameters(Payload packet, Map<String, String> params, List<String> unsupported) {
        if (packet.lastByte() != 0) {
            throw fatal(SqlState.PROTOCOL_VIOLATION, LAYOUT_ERROR);
        }
        try {
            while (true) {
                String name = packet.readCString();
                if (name.isEmpty()) {
                    break;
                }
                String value = packet.readCString();
                if (name.startsWith("_pq_.")) {
                    unsupported.add(name);
                } else {
                    params.put(name, value);
                }
            }
            packet.requireEnd();
        } catch (DbException e) {
            if (e.sqlState().equals(SqlState.PROTOCOL_VIOLATION)) {
                throw fatal(SqlState.PROTOCOL_VIOLATION, LAYOUT_ERROR);
            }
            throw e.withSeverity(DbException.Severity.FATAL); // invalid UTF-8: 22021
        }
    }

    private static boolean isFalse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("false") || v.equals("off") || v.equals("no") || v.equals("0");
    }

    /**
     * Text travels as UTF-8 only. SQL_ASCII means "no conversion" (libpq picks it for the C
     * locale), which UTF-8 bytes satisfy; anything else would need conversion and is refused.
     */
    private static String clientEncoding(String requested) {
        if (requested == null) {
            return "UTF8";
        }
        String key = requested.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (key.equals("UTF8") || key.equals("UNICODE")) {
            return "UTF8";
        }
        if (key.equals("SQLASCII")) {
            return "SQL_ASCII";
        }
        throw fatal(SqlState.FEATURE_NOT_SUPPORTED, "client_encoding \"" + requested + "\" is not supported")
                .withHint("RustyDB exchanges text in UTF8 only; connect with client_encoding=UTF8.");
    }

    private static DbException fatal(String sqlState, String message) {
        return DbException.of(sqlState, message).withSeverity(DbException.Severity.FATAL);
    }
}
