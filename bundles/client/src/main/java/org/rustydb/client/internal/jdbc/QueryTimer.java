package org.rustydb.client.internal.jdbc;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.rustydb.api.Session;

/**
 * setQueryTimeout: cancels the session's statement (57014) when it runs longer than the timeout.
 * The cancel is only sent while the statement runs, never into the next one.
 */
final class QueryTimer implements AutoCloseable {
    private static final QueryTimer NONE = new QueryTimer(null);
    private static volatile ScheduledExecutorService timers;

    private final ScheduledFuture<?> future;
    private boolean done;

    private QueryTimer(ScheduledFuture<?> future) {
        this.future = future;
    }

    static QueryTimer start(Session session, int seconds) {
        if (seconds <= 0) {
            return NONE;
        }
        QueryTimer[] timer = new QueryTimer[1];
        Runnable cancel = () -> {
            synchronized (timer) {
                if (timer[0] != null && !timer[0].done) {
                    session.cancel();
                }
            }
        };
        synchronized (timer) {
            timer[0] = new QueryTimer(timers().schedule(cancel, seconds, TimeUnit.SECONDS));
            timer[0].lock = timer;
            return timer[0];
        }
    }

    private Object lock;

    private static ScheduledExecutorService timers() {
        if (timers == null) {
            synchronized (QueryTimer.class) {
                if (timers == null) {
                    timers = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "rustydb-query-timeout");
                        t.setDaemon(true);
                        return t;
                    });
                }
            }
        }
        return timers;
    }

    @Override
    public void close() {
        if (future == null) {
            return;
        }
        synchronized (lock) {
            done = true;
        }
        future.cancel(false);
    }
}
