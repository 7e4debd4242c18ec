package org.rustydb.storage.memory.internal.durable;

import org.rustydb.storage.log.internal.wal.WalOptions;

/**
 * How a durable engine writes.
 *
 * @param fsync           force each commit to disk before it returns; false is not crash-safe
 *                        (a power failure or OS crash can lose acknowledged commits)
 * @param checkpointBytes log bytes since the last snapshot that trigger a new snapshot
 * @param wal             segment size and file access of the log
 */
public record DurabilityOptions(boolean fsync, long checkpointBytes, WalOptions wal) {
    public static final long DEFAULT_CHECKPOINT_BYTES = 64L * 1024 * 1024;

    public DurabilityOptions {
        if (checkpointBytes < 1) {
            throw new IllegalArgumentException("checkpointBytes must be positive: " + checkpointBytes);
        }
        if (wal.fsync() != fsync) {
            wal = new WalOptions(wal.segmentBytes(), fsync, wal.opener());
        }
    }

    public DurabilityOptions(boolean fsync, long checkpointBytes) {
        this(fsync, checkpointBytes, new WalOptions(WalOptions.DEFAULT_SEGMENT_BYTES, fsync));
    }

    public static DurabilityOptions defaults() {
        return new DurabilityOptions(true, DEFAULT_CHECKPOINT_BYTES);
    }
}
