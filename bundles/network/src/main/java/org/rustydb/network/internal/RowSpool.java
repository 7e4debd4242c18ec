package org.rustydb.network.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;

/**
 * The rows a portal keeps for later Executes (a client fetching a big result in batches), as
 * encoded DataRow messages, first in first out: in memory up to a limit, then in a temporary file,
 * so that a result of any size costs the server at most the limit in memory. PostgreSQL keeps
 * such a portal's cursor open instead; here the statement runs to its end at the first Execute.
 * Rows are all added before the first is taken. Not thread-safe: the connection thread uses it.
 */
final class RowSpool implements Closeable {
    /** Encoded rows kept in memory before the rest goes to a file. */
    static final long DEFAULT_MEMORY_BYTES = 4L << 20;

    private final long memoryLimit;
    private final ArrayDeque<byte[]> memory = new ArrayDeque<>();
    private long memoryBytes;
    private Path file;
    private DataOutputStream out;
    private DataInputStream in;
    private long onDisk;
    private boolean taking;

    RowSpool(long memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    void add(byte[] message) throws IOException {
        if (taking) {
            throw new IllegalStateException("rows added after the first was taken");
        }
        if (file == null && memoryBytes + message.length <= memoryLimit) {
            memory.add(message);
            memoryBytes += message.length;
            return;
        }
        if (file == null) {
            file = Files.createTempFile("rustydb-portal-", ".rows");
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        }
        out.writeInt(message.length);
        out.write(message);
        onDisk++;
    }

    /** The next row, or null when none is left. */
    byte[] poll() throws IOException {
        taking = true;
        byte[] message = memory.poll();
        if (message != null) {
            memoryBytes -= message.length;
            return message;
        }
        if (onDisk == 0) {
            return null;
        }
        if (in == null) {
            out.close();
            out = null;
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        }
        byte[] next = new byte[in.readInt()];
        in.readFully(next);
        onDisk--;
        return next;
    }

    boolean isEmpty() {
        return memory.isEmpty() && onDisk == 0;
    }

    /** True once rows went to the temporary file. */
    boolean spilled() {
        return file != null;
    }

    /** Drops the rows left and deletes the file; may be called more than once. */
    @Override
    public void close() {
        memory.clear();
        memoryBytes = 0;
        onDisk = 0;
        try {
            if (out != null) {
                out.close();
            }
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            // the file goes anyway
        } finally {
            out = null;
            in = null;
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a leftover temporary file; nothing else depends on it
                }
                file = null;
            }
        }
    }
}
