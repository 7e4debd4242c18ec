package org.rustydb.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TimedRunTest {
    @Test
    void theWarmupIsNotCountedAndEveryClientIsClosed() throws Exception {
        Meter meter = new Meter("op");
        AtomicLong steps = new AtomicLong();
        AtomicInteger closed = new AtomicInteger();
        H2.Output out = new H2.Output();
        TimedRun.Outcome outcome = TimedRun.run("t", 2, i -> new TimedRun.Client() {
            @Override
            public void step() throws SQLException {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    throw new SQLException(e);
                }
                steps.incrementAndGet();
                meter.success(2_000_000);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }, List.of(meter), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1), out.stream);
        assertEquals(2, closed.get());
        assertEquals(2.0, outcome.seconds(), 0.2);
        long measured = meter.total().getTotalCount();
        // about two thirds of the steps fall in the measured two seconds
        assertTrue(measured > 0 && measured < steps.get() * 0.8, measured + " of " + steps.get());
        assertEquals(2.0, meter.total().getValueAtPercentile(50) / 1000.0, 0.01);
        assertTrue(out.toString().contains("t: warming up for 1 s"), out.toString());
        assertTrue(out.toString().contains("op ") && out.toString().contains("failed 0"), out.toString());
    }

    @Test
    void aFailingClientFailsTheRun() {
        Meter meter = new Meter("op");
        AtomicInteger closed = new AtomicInteger();
        H2.Output out = new H2.Output();
        SQLException e = assertThrows(SQLException.class, () -> TimedRun.run("t", 3, i -> new TimedRun.Client() {
            @Override
            public void step() throws SQLException {
                if (i == 1) {
                    throw new SQLException("connection lost", "08006");
                }
                Thread.yield();
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }, List.of(meter), Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(5), out.stream));
        assertTrue(e.getMessage().contains("connection lost"), e.getMessage());
        assertEquals("08006", e.getSQLState());
        assertEquals(3, closed.get());
    }

    @Test
    void meterCountsFailuresAndRetriesSinceTheReset() {
        Meter meter = new Meter("tx");
        meter.failure("a");
        meter.retry();
        meter.success(1_000_000);
        meter.reset();
        meter.failure("b");
        meter.failure("b");
        meter.failure("c");
        meter.failure("d");
        meter.failure("e");
        meter.retry();
        meter.success(3_000_000);
        Meter.Interval interval = meter.interval();
        assertEquals(1, interval.operations());
        assertEquals(5, interval.failed());
        assertEquals(5, meter.failed());
        assertEquals(1, meter.retried());
        assertEquals(1, meter.total().getTotalCount());
        assertEquals(List.of("a", "b", "c"), meter.reasons());
    }
}
