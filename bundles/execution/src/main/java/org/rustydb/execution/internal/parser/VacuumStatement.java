package org.rustydb.execution.internal.parser;

import java.util.List;

/**
 * VACUUM as the hand-written parser reads it, with PostgreSQL's grammar: options are kept as
 * written, for the command to check when it runs (PostgreSQL checks them at execution too, so a
 * bad option does not stop the statements before it).
 *
 * @param options the options in order: from the parenthesized list, or the keywords of the old
 *                form ({@code VACUUM FULL FREEZE VERBOSE ANALYZE}) as options without a value
 * @param targets the tables, empty for all of them
 */
public record VacuumStatement(List<Option> options, List<Target> targets) {
    public VacuumStatement {
        options = List.copyOf(options);
        targets = List.copyOf(targets);
    }

    /** What an option's value was written as. */
    public enum ValueKind { NONE, WORD, STRING, NUMBER }

    /**
     * One option.
     *
     * @param name     the option name, case-folded
     * @param position the 1-based position of the name in the SQL string, for errors
     * @param kind     how its value was written
     * @param value    the value's text (a word case-folded, a string decoded, a number with its sign), or null
     */
    public record Option(String name, int position, ValueKind kind, String value) {
    }

    /** A table and the columns named after it (for ANALYZE), empty when none. */
    public record Target(IndexCommand.QualifiedName table, List<String> columns) {
        public Target {
            columns = List.copyOf(columns);
        }
    }
}
