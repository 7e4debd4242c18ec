package org.rustydb.storage.log.internal.codec;

/**
 * Bytes that do not decode: a truncated or damaged file, or a bug. Callers that know which file and
 * offset the bytes came from turn it into a DbException XX001 naming them.
 */
public final class CorruptDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptDataException(String message) {
        super(message);
    }
}
