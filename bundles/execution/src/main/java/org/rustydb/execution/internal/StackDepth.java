package org.rustydb.execution.internal;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/** PostgreSQL's error for statements nested too deeply to parse, bind or evaluate. */
public final class StackDepth {

    private StackDepth() {
    }

    /** {@code stack depth limit exceeded} (54001), for a StackOverflowError in any stage. */
    public static DbException exceeded() {
        return DbException.of(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded")
                .withHint("The statement nests too deeply; split long chains of operators or nesting.");
    }
}
