package org.rustydb.bench.internal;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs client threads for a warm-up and then a measured duration, printing progress every few
 * seconds. Each client owns its connection and calls {@link Client#step} until told to stop; the
 * meters are reset when the warm-up ends and read when the duration ends, so operations finishing
 * later are not counted. A client that throws ends the run: its error is the run's failure.
 */
public final class TimedRun {
    /** One client: one connection, one operation per step (which records itself in the meters). */
    public interface Client extends AutoCloseable {
        void step() throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /** Creates client {@code index}; its connection is opened before the clock starts. */
    @FunctionalInterface
    public interface ClientFactory {
        Client create(int index) throws SQLException;
    }

    /** The measured seconds; the meters hold the counts. */
    public record Outcome(double seconds) {
    }

    private TimedRun() {
    }

    public static Outcome run(String label, int clients, ClientFactory factory, List<Meter> meters,
            Duration warmup, Duration duration, Duration progressEvery, PrintStream out)
            throws SQLException, InterruptedException {
        List<Client> created = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                created.add(factory.create(i));
            }
        } catch (SQLException | RuntimeException e) {
            closeAll(created);
            throw e;
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> errors = new ArrayList<>();
        CountDownLatch ended = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = created.get(i);
            Thread thread = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        client.step();
                    }
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                    stop.set(true);
                } finally {
                    ended.countDown();
                }
            }, "bench-" + label + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        try {
            boolean warm = warmup.isZero();
            if (!warm) {
                out.printf("%s: warming up for %d s%n", label, warmup.toSeconds());
                if (ended.await(warmup.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw failure(label, errors);
                }
            }
            meters.forEach(Meter::reset);
            long measured = System.nanoTime();
            long end = measured + duration.toNanos();
            long lastProgress = measured;
            while (true) {
                long now = System.nanoTime();
                long next = Math.min(end, lastProgress + progressEvery.toNanos());
                if (ended.await(Math.max(0, next - now), TimeUnit.NANOSECONDS)) {
                    throw failure(label, errors);
                }
                now = System.nanoTime();
                if (now >= end) {
                    stop.set(true);
                    for (Meter meter : meters) {
                        meter.interval();
                    }
                    return new Outcome((now - measured) / 1e9);
                }
                progress(label, meters, (now - measured) / 1e9, (now - lastProgress) / 1e9, out);
                lastProgress = now;
            }
        } finally {
            stop.set(true);
            // a client stuck in a statement is abandoned after a while: its connection closes below
            ended.await(30, TimeUnit.SECONDS);
            closeAll(created);
        }
    }

    private static void progress(String label, List<Meter> meters, double elapsed, double interval, PrintStream out) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %5.0f s", label, elapsed));
        for (Meter meter : meters) {
            Meter.Interval i = meter.interval();
            line.append(String.format(Locale.ROOT, "  %s %.1f/s p99 %.2f ms failed %d", meter.name(),
                    i.operations() / interval, i.p99Micros() / 1000.0, i.failed()));
        }
        out.println(line);
        out.flush();
    }

    private static SQLException failure(String label, List<Throwable> errors) {
        synchronized (errors) {
            Throwable first = errors.isEmpty() ? new IllegalStateException("every client ended") : errors.get(0);
            SQLException e = new SQLException(label + ": a client failed: " + first.getMessage(),
                    first instanceof SQLException s ? s.getSQLState() : null, first);
            errors.stream().skip(1).forEach(e::addSuppressed);
            return e;
        }
    }

    private static void closeAll(List<Client> clients) {
        for (Client client : clients) {
            try {
                client.close();
            } catch (SQLException | RuntimeException ignored) {
                // the run's outcome is decided; a failing close changes nothing
            }
        }
    }
}
