package org.rustydb.network.internal;

import java.util.Objects;

/**
 * How a {@link PgServer} listens and what it accepts from clients.
 *
 * @param host                 address to bind, a host name or literal; {@code *} or empty for all interfaces
 * @param port                 TCP port, 0 to let the system pick a free one
 * @param maxConnections       client sessions served at once; more get FATAL 53300
 * @param maxMessageSize       largest frontend message accepted, in bytes, length word included
 * @param startupTimeoutMillis how long a new connection may take to send its startup packet (0: forever)
 * @param tls                  the certificate for encrypted connections, null to answer SSLRequest with 'N'
 */
public record ServerSettings(String host, int port, int maxConnections, int maxMessageSize,
                             int startupTimeoutMillis, TlsSupport tls) {

    /** Messages must at least hold a short query; below this nothing useful gets through. */
    public static final int MIN_MESSAGE_SIZE = 1024;
    public static final int DEFAULT_STARTUP_TIMEOUT_MILLIS = 60_000;

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        if (maxMessageSize < MIN_MESSAGE_SIZE) {
            throw new IllegalArgumentException(
                    "maxMessageSize must be at least " + MIN_MESSAGE_SIZE + " bytes: " + maxMessageSize);
        }
        if (startupTimeoutMillis < 0) {
            throw new IllegalArgumentException("startupTimeoutMillis must not be negative: " + startupTimeoutMillis);
        }
    }

    public ServerSettings(String host, int port, int maxConnections, int maxMessageSize, int startupTimeoutMillis) {
        this(host, port, maxConnections, maxMessageSize, startupTimeoutMillis, null);
    }

    public ServerSettings(String host, int port, int maxConnections, int maxMessageSize) {
        this(host, port, maxConnections, maxMessageSize, DEFAULT_STARTUP_TIMEOUT_MILLIS);
    }

    /** These settings with TLS served with {@code support} (null: without TLS). */
    public ServerSettings withTls(TlsSupport support) {
        return new ServerSettings(host, port, maxConnections, maxMessageSize, startupTimeoutMillis, support);
    }

    /** True when the server should listen on every interface. */
    boolean allInterfaces() {
        String h = host.trim();
        return h.isEmpty() || h.equals("*");
    }
}
