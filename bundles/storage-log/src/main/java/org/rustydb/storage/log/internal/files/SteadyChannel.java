package org.rustydb.storage.log.internal.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * A file channel that thread interrupts cannot break. A {@link FileChannel} closes itself, for
 * every thread using it, when a thread blocked in it is interrupted (ClosedByInterruptException),
 * so one cancelled query or stopping worker would make a shared log or data file unusable. Here
 * an operation clears the caller's interrupt status while it runs (a pending interrupt would close
 * the channel at once), and when the channel is closed under it anyway, by an interrupt arriving
 * mid-call in this or another thread, it reopens the file and repeats the operation; the interrupt
 * status is restored before returning. Only positional reads and writes are offered: they can be
 * repeated without harm, unlike writes at the channel's own position, which a reopen resets.
 *
 * <p>A force after a reopen still covers writes made through the closed channel: fsync works on
 * the file, not on the descriptor that wrote.
 *
 * <p>Threading: safe for concurrent use, as FileChannel is.
 */
public final class SteadyChannel implements AutoCloseable {
    /** Opens the file again after an interrupt closed it (without CREATE_NEW or TRUNCATE_EXISTING). */
    @FunctionalInterface
    public interface Reopener {
        FileChannel open() throws IOException;
    }

    @FunctionalInterface
    private interface Call<T> {
        T apply(FileChannel channel) throws IOException;
    }

    /** One-shot work on channels it opens itself, such as forcing a directory. */
    @FunctionalInterface
    public interface Task<T> {
        T run() throws IOException;
    }

    private final Reopener reopener;
    private final Object reopenLock = new Object();
    private volatile FileChannel channel;
    private volatile boolean closed;

    /**
     * @param channel  the open channel to use first
     * @param reopener opens the same file again when {@code channel} was closed by an interrupt
     */
    public SteadyChannel(FileChannel channel, Reopener reopener) {
        this.channel = channel;
        this.reopener = reopener;
    }

    /** Reads into {@code dst} from {@code position} as {@link FileChannel#read(ByteBuffer, long)}. */
    public int read(ByteBuffer dst, long position) throws IOException {
        int start = dst.position();
        // bytes a closed call did read are kept: the retry reads on from where dst now stands
        return call(c -> c.read(dst, position + (dst.position() - start)));
    }

    /** Writes all of {@code src} at {@code position}. */
    public void writeFully(ByteBuffer src, long position) throws IOException {
        int start = src.position();
        call(c -> {
            while (src.hasRemaining()) {
                c.write(src, position + (src.position() - start));
            }
            return null;
        });
    }

    public void force(boolean metaData) throws IOException {
        call(c -> {
            c.force(metaData);
            return null;
        });
    }

    public long size() throws IOException {
        return call(FileChannel::size);
    }

    public void truncate(long size) throws IOException {
        call(c -> c.truncate(size));
    }

    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() throws IOException {
        synchronized (reopenLock) {
            closed = true;
            channel.close();
        }
    }

    private <T> T call(Call<T> call) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            // only close() and interrupts close a channel, so this ends once the interrupts stop
            while (true) {
                FileChannel current = channel;
                try {
                    return call.apply(current);
                } catch (ClosedChannelException e) {
                    // ClosedByInterruptException leaves the status set: clear it before retrying
                    interrupted |= Thread.interrupted();
                    if (closed) {
                        throw e;
                    }
                    reopen(current, e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void reopen(FileChannel broken, ClosedChannelException cause) throws IOException {
        synchronized (reopenLock) {
            if (closed) {
                throw cause;
            }
            if (channel == broken) {
                broken.close();
                channel = reopener.open();
            }
        }
    }

    /**
     * Runs one-shot channel work (open, force, close) so that an interrupt cannot make it fail:
     * the interrupt status is cleared while it runs and restored after, and the whole task is
     * repeated if an interrupt arriving during it closed its channel.
     */
    public static <T> T uninterrupted(Task<T> task) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    return task.run();
                } catch (ClosedChannelException e) {
                    if (!Thread.interrupted()) {
                        throw e;
                    }
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
