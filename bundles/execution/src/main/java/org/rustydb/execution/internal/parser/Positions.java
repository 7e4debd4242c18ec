package org.rustydb.execution.internal.parser;

/** Error positions as PostgreSQL reports them: 1-based and counted in characters, not UTF-16 units. */
public final class Positions {
    private Positions() {
    }

    /** The 1-based character position of the UTF-16 offset {@code offset} in {@code sql}. */
    public static int of(String sql, int offset) {
        int clamped = Math.max(0, Math.min(offset, sql.length()));
        return sql.codePointCount(0, clamped) + 1;
    }
}
