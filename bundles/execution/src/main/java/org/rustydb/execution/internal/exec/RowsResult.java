package org.rustydb.execution.internal.exec;

import java.util.Iterator;
import java.util.List;

import org.rustydb.api.Column;
import org.rustydb.api.Result;

/** A small result computed up front, such as SHOW's: the rows are already in memory. */
public final class RowsResult implements Result {
    private final List<Column> columns;
    private final Iterator<Object[]> rows;
    private final String tagVerb;
    private int read;

    /**
     * @param tagVerb the command tag's verb; the tag counts rows for {@code SELECT} and is the verb
     *                alone otherwise (SHOW's tag is just {@code SHOW})
     */
    public RowsResult(List<Column> columns, List<Object[]> rows, String tagVerb) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows).iterator();
        this.tagVerb = tagVerb;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean returnsRows() {
        return true;
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
        return tagVerb.equals("SELECT") ? "SELECT " + read : tagVerb;
    }

    @Override
    public void close() {
        // nothing held
    }
}
