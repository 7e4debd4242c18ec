package org.rustydb.storage.paged.internal.engine;

import org.rustydb.storage.log.internal.wal.WalOptions;
import org.rustydb.storage.paged.internal.vacuum.VacuumOptions;

/**
 * How a paged database runs.
 *
 * @param fsync            force the log at commit and data files at checkpoints; false survives a
 *                         process crash but not a power failure (tests and benchmarks only)
 * @param bufferPoolBytes  memory for cached pages
 * @param memoryLimitBytes the global memory budget the buffer pool and queries draw from
 * @param checkpointBytes  log written since the last checkpoint that triggers the next one
 * @param wal              segment size and file access of the log
 * @param vacuum           the background vacuum and the memory of one vacuum
 */
public record PagedOptions(boolean fsync, long bufferPoolBytes, long memoryLimitBytes, long checkpointBytes,
                           WalOptions wal, VacuumOptions vacuum) {
    public static final long DEFAULT_BUFFER_POOL_BYTES = 128L * 1024 * 1024;
    /** PostgreSQL's max_wal_size: a checkpoint in the middle of a burst of writes slows its commits. */
    public static final long DEFAULT_CHECKPOINT_BYTES = 1024L * 1024 * 1024;

    /**
     * The pool a server sizes by itself: a quarter of the heap, and at least
     * {@link #DEFAULT_BUFFER_POOL_BYTES} while that is no more than half of it. A page the pool
     * does not hold costs a read and a checksum, where PostgreSQL, with its small shared buffers,
     * leans on the operating system's cache; memory the heap has anyway is better spent on pages.
     */
    public static long autoBufferPoolBytes(long maxHeapBytes) {
        long pages = Math.max(maxHeapBytes / 4, Math.min(DEFAULT_BUFFER_POOL_BYTES, maxHeapBytes / 2));
        return Math.max(16 * 8192, pages);
    }

    public PagedOptions {
        if (bufferPoolBytes < 16 * 8192) {
            throw new IllegalArgumentException("bufferPoolBytes must be at least 16 pages: " + bufferPoolBytes);
        }
        if (memoryLimitBytes < bufferPoolBytes) {
            throw new IllegalArgumentException("memoryLimitBytes must cover the buffer pool");
        }
        if (checkpointBytes < 1) {
            throw new IllegalArgumentException("checkpointBytes must be positive: " + checkpointBytes);
        }
        if (wal.fsync() != fsync) {
            wal = new WalOptions(wal.segmentBytes(), fsync, wal.opener());
        }
        if (vacuum == null) {
            vacuum = VacuumOptions.defaults();
        }
    }

    public PagedOptions(boolean fsync, long bufferPoolBytes, long memoryLimitBytes, long checkpointBytes,
                        WalOptions wal) {
        this(fsync, bufferPoolBytes, memoryLimitBytes, checkpointBytes, wal, VacuumOptions.defaults());
    }

    public PagedOptions(boolean fsync, long bufferPoolBytes, long checkpointBytes) {
        this(fsync, bufferPoolBytes, Math.max(bufferPoolBytes * 2, bufferPoolBytes + (256L << 20)), checkpointBytes,
                new WalOptions(WalOptions.DEFAULT_SEGMENT_BYTES, fsync));
    }

    public static PagedOptions defaults() {
        return new PagedOptions(true, DEFAULT_BUFFER_POOL_BYTES, DEFAULT_CHECKPOINT_BYTES);
    }

    /** The same options with another vacuum configuration. */
    public PagedOptions withVacuum(VacuumOptions options) {
        return new PagedOptions(fsync, bufferPoolBytes, memoryLimitBytes, checkpointBytes, wal, options);
    }
}
