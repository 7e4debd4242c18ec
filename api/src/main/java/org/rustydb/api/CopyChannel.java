package org.rustydb.api;

import java.io.InputStream;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The client's side of a COPY, offered by a {@link ResultSink} whose caller can carry one (a wire
 * protocol front end: PostgreSQL's CopyInResponse, CopyOutResponse, CopyData, CopyDone, CopyFail).
 * Used on the session's thread during the one statement that asked for it; at most one copy runs
 * at a time.
 */
@ConsumerType
public interface CopyChannel {
    /**
     * Starts a copy from the client (COPY FROM STDIN) in text format: the stream yields the bytes
     * the client sends and ends when it says it is done. Reading blocks until the client sends
     * more. A client that gives up makes reads throw {@link DbException} 57014
     * ({@code COPY from stdin failed: <its message>}); a lost client an {@link java.io.IOException}.
     * The caller need not read to the end: what is left is discarded by the front end.
     *
     * @param columnCount the number of columns of each row
     */
    InputStream copyIn(int columnCount);

    /**
     * Starts a copy to the client (COPY TO STDOUT) in text format: bytes written go to the client;
     * {@code close()} says the copy is complete. The caller closes it only when every row was
     * written; after a failure the statement's error ends the copy instead.
     *
     * @param columnCount the number of columns of each row
     */
    OutputStream copyOut(int columnCount);
}
