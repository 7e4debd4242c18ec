package org.rustydb.client.internal.jdbc;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.rustydb.api.Column;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.SqlType;

/**
 * What one statement produced, read inside the engine's sink (a result is only valid there): its
 * rows when it returns rows (up to a row limit), and its command tag.
 */
final class Outcome {
    final List<Column> columns;
    final List<Object[]> rows;
    final String tag;
    ZoneId zone;

    Outcome(List<Column> columns, List<Object[]> rows, String tag) {
        this.columns = columns;
        this.rows = rows;
        this.tag = tag;
    }

    boolean returnsRows() {
        return columns != null;
    }

    /** The row count of the command tag ({@code INSERT 0 5}: 5), 0 for commands without one. */
    long count() {
        int space = tag.lastIndexOf(' ');
        if (space < 0) {
            return 0;
        }
        String first = tag.substring(0, tag.indexOf(' '));
        switch (first) {
            case "INSERT", "UPDATE", "DELETE", "MERGE", "SELECT", "COPY", "MOVE", "FETCH":
                try {
                    return Long.parseLong(tag.substring(space + 1));
                } catch (NumberFormatException e) {
                    return 0;
                }
            default:
                return 0;
        }
    }

    boolean needsZone() {
        if (columns == null) {
            return false;
        }
        for (Column c : columns) {
            if (c.type() == SqlType.TIMESTAMPTZ || c.type() == SqlType.TIMESTAMPTZ_ARRAY) {
                return true;
            }
        }
        return false;
    }

    /** Collects every statement's outcome of one execution. */
    static final class Collector implements ResultSink {
        final List<Outcome> outcomes = new ArrayList<>(1);
        private final long maxRows;
        private final Consumer<Notice> notices;

        /** @param maxRows rows kept per result, 0 for all */
        Collector(long maxRows, Consumer<Notice> notices) {
            this.maxRows = maxRows;
            this.notices = notices;
        }

        @Override
        public void accept(Result result) {
            if (!result.returnsRows()) {
                outcomes.add(new Outcome(null, List.of(), result.commandTag()));
                return;
            }
            List<Object[]> rows = new ArrayList<>();
            Object[] row;
            while ((maxRows == 0 || rows.size() < maxRows) && (row = result.next()) != null) {
                rows.add(row);
            }
            outcomes.add(new Outcome(List.copyOf(result.columns()), rows, result.commandTag()));
        }

        @Override
        public void notice(Notice notice) {
            notices.accept(notice);
        }
    }
}
