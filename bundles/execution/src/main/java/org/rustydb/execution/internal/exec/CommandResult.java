package org.rustydb.execution.internal.exec;

import java.util.List;

import org.rustydb.api.Column;
import org.rustydb.api.Result;

/** The result of a statement that returns no rows, just a command tag. */
public record CommandResult(String commandTag) implements Result {
    @Override
    public List<Column> columns() {
        return List.of();
    }

    @Override
    public boolean returnsRows() {
        return false;
    }

    @Override
    public Object[] next() {
        return null;
    }

    @Override
    public void close() {
        // nothing held
    }
}
