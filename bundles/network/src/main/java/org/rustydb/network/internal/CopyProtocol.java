package org.rustydb.network.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.rustydb.api.CopyChannel;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * The COPY sub-protocol of one connection, run on its thread while a COPY statement executes.
 * Copy-in answers CopyInResponse and hands the engine the CopyData bytes as they arrive (one
 * message held at a time) until CopyDone; CopyFail fails the statement with 57014; Flush and Sync
 * are ignored, as PostgreSQL does; any other message breaks the protocol and ends the connection.
 * Copy-out answers CopyOutResponse and sends each write as one CopyData, then CopyDone.
 */
final class CopyProtocol implements CopyChannel {
    private final MessageReader reader;
    private final MessageWriter writer;
    private IOException writeFailure;

    CopyProtocol(MessageReader reader, MessageWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    /** The failure of the last copy-out's writes, if the client went away; cleared by reading. */
    IOException takeWriteFailure() {
        IOException e = writeFailure;
        writeFailure = null;
        return e;
    }

    @Override
    public InputStream copyIn(int columnCount) {
        try {
            writer.copyResponse('G', columnCount);
            writer.flush();
        } catch (IOException e) {
            writeFailure = e;
            throw new java.io.UncheckedIOException(e);
        }
        return new CopyInStream();
    }

    @Override
    public OutputStream copyOut(int columnCount) {
        try {
            writer.copyResponse('H', columnCount);
        } catch (IOException e) {
            writeFailure = e;
            throw new java.io.UncheckedIOException(e);
        }
        return new CopyOutStream();
    }

    private final class CopyInStream extends InputStream {
        private byte[] chunk = new byte[0];
        private int position;
        private boolean done;

        /** True when bytes are ready; false once the client said CopyDone. */
        private boolean fill() throws IOException {
            while (!done && position >= chunk.length) {
                MessageReader.Message message = reader.readMessage();
                if (message == null) {
                    throw DbException.of(SqlState.CONNECTION_FAILURE,
                            "unexpected EOF on client connection with an open transaction")
                            .withSeverity(DbException.Severity.FATAL);
                }
                switch (message.type()) {
                    case 'd' -> {
                        chunk = message.payload().body();
                        position = 0;
                    }
                    case 'c' -> done = true;
                    case 'f' -> {
                        done = true;
                        String reason = message.payload().readCString();
                        throw DbException.of(SqlState.QUERY_CANCELED, "COPY from stdin failed: %s", reason);
                    }
                    case 'H', 'S' -> {
                        // ignored during copy-in, as PostgreSQL does
                    }
                    default -> throw DbException.of(SqlState.PROTOCOL_VIOLATION,
                                    "unexpected message type 0x%02X during COPY from stdin", (int) message.type())
                            .withSeverity(DbException.Severity.FATAL);
                }
            }
            return !done || position < chunk.length;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return chunk[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }
    }

    private final class CopyOutStream extends OutputStream {
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                writer.copyData(b, off, len);
            } catch (IOException e) {
                writeFailure = e;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                writer.bare('c');
            } catch (IOException e) {
                writeFailure = e;
                throw e;
            }
        }
    }
}
