package org.rustydb.storage.log.internal.wal;

import java.nio.file.Path;

/**
 * One record read back from the log.
 *
 * @param lsn     where the record starts in the log stream
 * @param endLsn  where the next record starts
 * @param payload what was appended
 * @param segment the file it was read from, for error messages
 * @param offset  its offset in that file
 */
public record WalRecord(long lsn, long endLsn, byte[] payload, Path segment, long offset) {
}
