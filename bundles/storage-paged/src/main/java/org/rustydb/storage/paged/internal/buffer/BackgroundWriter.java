package org.rustydb.storage.paged.internal.buffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dirty pages near the eviction end of the {@link BufferPool} every interval, so that a
 * miss rarely has to write a page before it can reuse its frame. It is never interrupted (an
 * interrupt during FileChannel I/O would close the file for every thread): {@link #stop} sets a
 * flag and wakes it.
 */
final class BackgroundWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWriter.class);

    private final BufferPool pool;
    private final long intervalMillis;
    private final int maxPagesPerRound;
    private final Thread thread;
    private boolean stopping;

    BackgroundWriter(BufferPool pool, long intervalMillis, int maxPagesPerRound) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("background writer interval must be positive: " + intervalMillis);
        }
        this.pool = pool;
        this.intervalMillis = intervalMillis;
        this.maxPagesPerRound = maxPagesPerRound;
        this.thread = new Thread(this, "rustydb-bgwriter");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks for a round now (a miss found only dirty victims). */
    synchronized void wake() {
        notifyAll();
    }

    void stop() {
        synchronized (this) {
            stopping = true;
            notifyAll();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        for (;;) {
            synchronized (this) {
                if (stopping) {
                    return;
                }
            }
            try {
                pool.writeDirtyNearLru(maxPagesPerRound);
            } catch (RuntimeException e) {
                // the pages stay dirty; evictions and the next checkpoint will write them or fail visibly
                LOG.warn("background writer: {}", e.getMessage(), e);
            }
            synchronized (this) {
                if (stopping) {
                    return;
                }
                try {
                    wait(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
