package org.rustydb.execution.internal.exec.spill;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * A temporary file of rows: written from start to end, then read back from the start; it can then
 * be written again from the start ({@link #reuse()}), over the old bytes, because freeing a file's
 * blocks (truncating or deleting it) costs far more than its writes on some file systems. Deleted by
 * {@link #close()}, which the owning operator calls on success, error and cancel alike.
 */
public final class SpillFile implements AutoCloseable {
    /** The buffer of each open reader or writer; with work_mem it bounds how many runs merge at once. */
    public static final int BUFFER = 16 * 1024;

    private final Path path;
    private OutputStream stream;
    private RowCodec.Output out;
    private InputStream in;
    private long rows;
    private long bytes;

    public SpillFile(Path dir) {
        this.path = TempSpace.newFile(dir);
        try {
            openForWriting();
        } catch (RuntimeException e) {
            delete();
            throw e;
        }
    }

    private void openForWriting() {
        try {
            // no truncation: a reused file is overwritten, and only the rows written are read
            stream = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.WRITE), BUFFER);
        } catch (IOException e) {
            throw failure("could not open temporary file", e);
        }
        out = new RowCodec.Output(stream);
        rows = 0;
        bytes = 0;
    }

    /** Starts writing again from the start, dropping the rows written before. */
    public void reuse() {
        closeStreams();
        openForWriting();
    }

    public Path path() {
        return path;
    }

    public long rows() {
        return rows;
    }

    /** The size of the file, once written. */
    public long bytes() {
        return out != null ? out.written() : bytes;
    }

    public void write(Object[] row) {
        try {
            RowCodec.write(out, row);
            rows++;
        } catch (IOException e) {
            throw failure("could not write to temporary file", e);
        }
    }

    /** Ends the writing and returns the rows from the first; call once. */
    public Reader read() {
        try {
            bytes = out.written();
            out = null;
            stream.close();
            stream = null;
            in = new BufferedInputStream(Files.newInputStream(path), BUFFER);
        } catch (IOException e) {
            throw failure("could not read temporary file", e);
        }
        RowCodec.Input input = new RowCodec.Input(in);
        long[] left = {rows};
        return () -> {
            if (left[0] == 0) {
                return null;
            }
            left[0]--;
            try {
                return RowCodec.read(input);
            } catch (IOException e) {
                throw failure("could not read temporary file", e);
            }
        };
    }

    /** Rows read back in the order written. */
    @FunctionalInterface
    public interface Reader {
        /** The next row, or null at the end. */
        Object[] next();
    }

    private DbException failure(String what, IOException e) {
        return DbException.of(SqlState.IO_ERROR, "%s \"%s\": %s", what, path.getFileName(), e.getMessage())
                .withCause(e);
    }

    /** Closes the open writer or reader; the file stays. */
    void closeStreams() {
        try {
            if (stream != null) {
                bytes = out.written();
                out = null;
                stream.close();
            }
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            // only the file's rows matter, and the caller reads or reuses it no more
        } finally {
            stream = null;
            in = null;
        }
    }

    @Override
    public void close() {
        try {
            closeStreams();
        } finally {
            delete();
        }
    }

    private void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left for the startup cleanup
        }
    }
}
