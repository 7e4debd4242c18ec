package org.rustydb.spi.frontend;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A protocol front end that serves clients, registered by the bundle that runs it so that the
 * kernel and the shell can report it. Thread-safe.
 */
@ConsumerType
public interface ProtocolFrontEnd {
    /** The protocol, e.g. {@code postgresql}. */
    String protocol();

    /** Where it listens, e.g. {@code 127.0.0.1:5432}. */
    String endpoint();

    /** The number of client connections open now. */
    int connectionCount();
}
