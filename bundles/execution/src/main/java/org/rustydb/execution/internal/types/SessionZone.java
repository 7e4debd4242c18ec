package org.rustydb.execution.internal.types;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The TimeZone setting of the session whose statement this thread runs. Converting between
 * timestamp with and without time zone, and reading or printing a timestamp with time zone, depend
 * on it, as they depend on the backend's session time zone in PostgreSQL. The engine sets it at
 * the start of every statement; a session runs on one thread at a time.
 */
public final class SessionZone {
    private static final ThreadLocal<ZoneId> CURRENT = ThreadLocal.withInitial(() -> ZoneOffset.UTC);

    private SessionZone() {
    }

    public static ZoneId get() {
        return CURRENT.get();
    }

    public static void set(ZoneId zone) {
        CURRENT.set(zone);
    }
}
