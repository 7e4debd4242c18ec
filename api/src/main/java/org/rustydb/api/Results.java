package org.rustydb.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Ready-made results for statements whose outcome is known before anyone reads it: a command tag,
 * or a few rows computed up front (SHOW, a statement handler's report). Query engines stream
 * larger results through their own {@link Result} cursors.
 */
public final class Results {
    private Results() {
    }

    /** A result with no rows and the given command tag, e.g. {@code CREATE TABLE}. */
    public static Result command(String tag) {
        return new Fixed(List.of(), List.of(), tag, false);
    }

    /**
     * A result over rows already in memory (copied, so the caller may reuse its arrays). The tag is
     * {@code SELECT n} for the verb SELECT, where n counts the rows read, and the verb alone
     * otherwise (SHOW's tag is just {@code SHOW}).
     */
    public static Result rows(List<Column> columns, List<Object[]> rows, String verb) {
        List<Object[]> copy = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            copy.add(row.clone());
        }
        return new Fixed(columns, copy, verb, true);
    }

    private static final class Fixed implements Result {
        private final List<Column> columns;
        private final Iterator<Object[]> rows;
        private final String verb;
        private final boolean returnsRows;
        private int read;

        Fixed(List<Column> columns, List<Object[]> rows, String verb, boolean returnsRows) {
            this.columns = List.copyOf(columns);
            this.rows = rows.iterator();
            this.verb = verb;
            this.returnsRows = returnsRows;
        }

        @Override
        public List<Column> columns() {
            return columns;
        }

        @Override
        public boolean returnsRows() {
            return returnsRows;
        }

        @Override
        public Object[] next() {
            if (!rows.hasNext()) {
                return null;
            }
            read++;
            return rows.next().clone();
        }

        @Override
        public String commandTag() {
            return returnsRows && verb.equals("SELECT") ? "SELECT " + read : verb;
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
