package org.rustydb.storage.log.internal.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the log writes.
 *
 * @param segmentBytes a new segment file is started when a record would take the current one past
 *                     this size (a record larger than it gets a segment of its own)
 * @param fsync        force every commit to disk; false survives a process crash but not a power
 *                     failure or OS crash, so it is for tests and benchmarks only
 * @param opener       opens segment files; tests wrap channels to count or fail forces
 */
public record WalOptions(long segmentBytes, boolean fsync, ChannelOpener opener) {
    public static final long DEFAULT_SEGMENT_BYTES = 16L * 1024 * 1024;

    /** Opens a file channel, as {@link FileChannel#open(Path, OpenOption...)} does. */
    @FunctionalInterface
    public interface ChannelOpener {
        FileChannel open(Path path, OpenOption... options) throws IOException;
    }

    public WalOptions {
        if (segmentBytes < 64) {
            throw new IllegalArgumentException("segmentBytes must be at least 64: " + segmentBytes);
        }
    }

    public WalOptions(long segmentBytes, boolean fsync) {
        this(segmentBytes, fsync, FileChannel::open);
    }
}
