package org.rustydb.network.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The buffered streams of a connection, whose source and sink can be swapped for a TLS socket's
 * after the SSLRequest, so that the message reader and writer built on them carry on unchanged.
 */
final class UpgradableStreams {
    private UpgradableStreams() {
    }

    /** Buffered input that knows how much it has read ahead of the protocol. */
    static final class Input extends BufferedInputStream {
        Input(InputStream in, int size) {
            super(in, size);
        }

        /** Bytes received but not yet consumed, excluding what the socket has not handed over. */
        synchronized int buffered() {
            return count - pos;
        }

        /** Reads from {@code source} from now on; nothing may be buffered from the old one. */
        synchronized void switchTo(InputStream source) {
            if (buffered() != 0) {
                throw new IllegalStateException("unread input would be lost");
            }
            in = source;
        }
    }

    /** Buffered output whose sink can be replaced once everything written so far is flushed. */
    static final class Output extends BufferedOutputStream {
        Output(OutputStream out, int size) {
            super(out, size);
        }

        synchronized void switchTo(OutputStream sink) throws IOException {
            flush();
            out = sink;
        }
    }
}
