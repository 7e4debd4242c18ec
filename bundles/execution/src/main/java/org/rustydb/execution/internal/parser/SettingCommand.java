package org.rustydb.execution.internal.parser;

/**
 * A SET, RESET or SHOW statement.
 *
 * @param kind  what it does
 * @param name  the parameter name, lower case; {@code all} for RESET ALL and SHOW ALL
 * @param value for SET the new value, or null for DEFAULT; unused otherwise
 */
public record SettingCommand(Kind kind, String name, String value) {
    /** The statement kinds. */
    public enum Kind { SET, RESET, SHOW }
}
