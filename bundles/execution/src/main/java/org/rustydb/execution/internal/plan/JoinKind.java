package org.rustydb.execution.internal.plan;

/**
 * How a join pairs rows. SEMI and ANTI come from IN and EXISTS subqueries: they return left rows
 * only, those with a match (SEMI) or without one (ANTI).
 */
public enum JoinKind {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI;

    /** Whether unmatched left rows are returned, padded with NULLs. */
    public boolean keepsUnmatchedLeft() {
        return this == LEFT || this == FULL;
    }

    public boolean keepsUnmatchedRight() {
        return this == RIGHT || this == FULL;
    }

    /** The name EXPLAIN prints, e.g. {@code Left} in {@code Hash Left Join}. */
    public String label() {
        return switch (this) {
            case INNER -> "";
            case LEFT -> "Left ";
            case RIGHT -> "Right ";
            case FULL -> "Full ";
            case SEMI -> "Semi ";
            case ANTI -> "Anti ";
        };
    }
}
