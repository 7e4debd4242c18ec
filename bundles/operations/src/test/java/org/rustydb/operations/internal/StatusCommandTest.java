package org.rustydb.operations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DatabaseStatus;
import org.rustydb.api.DbException;

class StatusCommandTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00.250Z");
    private final FakeDatabase database = new FakeDatabase();
    private final Clock clock = Clock.fixed(STARTED.plusSeconds(3 * 3600 + 5), ZoneOffset.UTC);

    @Test
    void showsAvailableDatabase() {
        database.status = new DatabaseStatus(true, List.of(), STARTED, 2,
                List.of("postgresql 127.0.0.1:5432 (2 connections)", "rest 127.0.0.1:8080 (0 connections)"));
        Output out = new Output();
        new StatusCommand(() -> database, clock).execute(List.of(), out.stream);
        assertEquals("""
                database:   rustydb
                state:      available
                uptime:     3h 0m 5s (since 2026-01-01T10:00:00Z)
                sessions:   2
                front ends: postgresql 127.0.0.1:5432 (2 connections)
                            rest 127.0.0.1:8080 (0 connections)
                """, out.text());
    }

    @Test
    void namesMissingServicesWhenUnavailable() {
        database.status = new DatabaseStatus(false, List.of("storage engine", "query engine"), STARTED, 0,
                List.of());
        Output out = new Output();
        new StatusCommand(() -> database, clock).execute(List.of(), out.stream);
        String text = out.text();
        assertEquals("state:      unavailable (missing: storage engine, query engine)", text.lines().toList().get(1));
        assertEquals("front ends: none", text.lines().toList().get(4));
    }

    @Test
    void failsWith57P03WithoutDatabase() {
        DbException e = assertThrows(DbException.class,
                () -> new StatusCommand(() -> null, clock).execute(List.of(), new Output().stream));
        assertEquals("57P03", e.sqlState());
    }

    @Test
    void rejectsArguments() {
        DbException e = assertThrows(DbException.class,
                () -> new StatusCommand(() -> database, clock).execute(List.of("x"), new Output().stream));
        assertEquals("22023", e.sqlState());
    }

    @Test
    void formatsUptime() {
        assertEquals("0s", StatusCommand.formatUptime(Duration.ZERO));
        assertEquals("0s", StatusCommand.formatUptime(Duration.ofSeconds(-5)));
        assertEquals("59s", StatusCommand.formatUptime(Duration.ofMillis(59_999)));
        assertEquals("1m 0s", StatusCommand.formatUptime(Duration.ofMinutes(1)));
        assertEquals("2h 0m 5s", StatusCommand.formatUptime(Duration.ofSeconds(7205)));
        assertEquals("3d 0h 0m 1s", StatusCommand.formatUptime(Duration.ofDays(3).plusSeconds(1)));
    }
}
