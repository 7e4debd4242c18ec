package org.rustydb.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the result of each statement of a SQL string as it completes, so that a front end can
 * stream rows to its client before later statements run. Implemented by callers of
 * {@link Session#execute(String, ResultSink)}.
 */
@ConsumerType
@FunctionalInterface
public interface ResultSink {
    /**
     * Called once per statement, on the session's thread. The result may be read here only; it is
     * closed by the session when this method returns.
     */
    void accept(Result result);

    /**
     * Called for each notice a statement raises, before its result, on the session's thread.
     * Ignored unless overridden: notices never change what a statement does.
     */
    default void notice(Notice notice) {
    }

    /**
     * The client's side of COPY FROM STDIN and COPY TO STDOUT, if this sink's caller can carry a
     * copy (a wire protocol front end can); a COPY with a sink that cannot fails with 0A000.
     */
    default java.util.Optional<CopyChannel> copyChannel() {
        return java.util.Optional.empty();
    }
}
