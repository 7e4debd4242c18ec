package org.rustydb.api;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of the database's health.
 *
 * @param available       true when every required service is present and statements can run
 * @param missingServices the required services that are absent, by SPI name; empty when available
 * @param startedAt       when the kernel started
 * @param openSessions    the number of open sessions (each client connection holds one)
 * @param frontEnds       the protocol front ends serving clients, e.g. {@code postgresql 127.0.0.1:5432}
 */
public record DatabaseStatus(boolean available, List<String> missingServices, Instant startedAt,
                             int openSessions, List<String> frontEnds) {
    public DatabaseStatus {
        missingServices = List.copyOf(missingServices);
        frontEnds = List.copyOf(frontEnds);
    }
}
