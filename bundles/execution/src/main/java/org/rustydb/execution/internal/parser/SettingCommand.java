package org.rustydb.execution.internal.parser;

import java.util.List;

/**
 * A SET, RESET or SHOW statement.
 *
 * @param kind      what it does
 * @param name      the parameter name (identifiers folded); {@code all} for RESET ALL and SHOW ALL
 * @param arguments for SET the values as written, or null for DEFAULT; null otherwise
 * @param local     SET LOCAL: the value lasts until the end of the transaction
 */
public record SettingCommand(Kind kind, String name, List<Argument> arguments, boolean local) {
    /** The statement kinds. */
    public enum Kind { SET, RESET, SHOW }

    /**
     * One value of SET: a string or identifier (its text, identifiers folded), or a number.
     * PostgreSQL quotes the first kind when the setting is a list of names (search_path).
     */
    public record Argument(String text, boolean numeric) {
    }

    public SettingCommand {
        arguments = arguments == null ? null : List.copyOf(arguments);
    }

    /** A command with one string value (null for DEFAULT). */
    public SettingCommand(Kind kind, String name, String value) {
        this(kind, name, value == null ? null : List.of(new Argument(value, false)), false);
    }
}
