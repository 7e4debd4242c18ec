package org.rustydb.storage.paged.internal.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes checkpoints in the background once enough log has been written since the last one, so
 * that recovery stays short and the log is recycled, without a committer ever doing it.
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    private final PagedStorageEngine engine;
    private final Thread thread;
    private final Object signal = new Object();
    private volatile boolean closed;

    Checkpointer(PagedStorageEngine engine) {
        this.engine = engine;
        this.thread = new Thread(this::run, "rustydb-checkpointer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void wakeIfDue() {
        if (engine.checkpointDue()) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    private void run() {
        while (!closed) {
            synchronized (signal) {
                try {
                    signal.wait(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!closed && engine.checkpointDue()) {
                try {
                    engine.checkpoint();
                } catch (RuntimeException e) {
                    LOG.error("background checkpoint failed; will retry", e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        // no interrupt: it would close the file channels of a checkpoint in progress
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
