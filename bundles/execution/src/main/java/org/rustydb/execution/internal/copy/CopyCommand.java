package org.rustydb.execution.internal.copy;

import java.util.List;

import org.rustydb.execution.internal.parser.IndexCommand;
import org.rustydb.execution.internal.parser.StatementText;

/**
 * A COPY statement as parsed: a table (with its column list) or a query, the direction, where the
 * data comes from or goes to, and the options.
 *
 * @param table   the table, or null for {@code COPY (query) TO}
 * @param columns the column names written, or empty for all
 * @param query   the text of the query of {@code COPY (query) TO}, or null
 * @param from    true for COPY FROM
 * @param file    the server file's path, or null for STDIN/STDOUT
 * @param options the checked options
 */
public record CopyCommand(IndexCommand.QualifiedName table, List<String> columns, StatementText query, boolean from,
                          String file, CopyOptions options) {
    public CopyCommand {
        columns = List.copyOf(columns);
    }
}
