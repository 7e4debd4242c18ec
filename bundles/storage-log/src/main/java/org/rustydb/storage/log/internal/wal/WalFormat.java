package org.rustydb.storage.log.internal.wal;

import java.util.zip.CRC32C;

/**
 * Record framing: {@code [int length][int CRC32C of payload][payload]}, big-endian, where the
 * payload is {@code [long lsn][data]}. The LSN inside the checksummed payload ties a record to
 * its position, so a stale or shifted copy of a record never passes as valid, and a scan for
 * valid records after a damaged one is cheap (8 bytes must match before a checksum is computed).
 */
final class WalFormat {
    static final int HEADER = 8;
    static final int LSN_BYTES = 8;
    /** Keeps a frame, and so a read buffer, within one Java array. */
    static final int MAX_PAYLOAD = Integer.MAX_VALUE - 64;

    private WalFormat() {
    }

    static int getInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    static long getLong(byte[] b, int off) {
        return ((long) getInt(b, off) << 32) | (getInt(b, off + 4) & 0xFFFFFFFFL);
    }

    /**
     * The length of the whole frame starting at {@code off} if it is a complete, valid record for
     * position {@code lsn}, else -1.
     */
    static int validFrame(byte[] b, int off, int available, long lsn) {
        if (available < HEADER + LSN_BYTES) {
            return -1;
        }
        int length = getInt(b, off);
        if (length < LSN_BYTES || length > available - HEADER) {
            return -1;
        }
        if (getLong(b, off + HEADER) != lsn) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(b, off + HEADER, length);
        return (int) crc.getValue() == getInt(b, off + 4) ? HEADER + length : -1;
    }
}
