package org.rustydb.execution.internal.ddl;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * DEFERRABLE, NOT DEFERRABLE, INITIALLY DEFERRED and INITIALLY IMMEDIATE written after one
 * constraint, with PostgreSQL's rules: for a column constraint each attribute is checked as it
 * comes; for a table constraint the attributes are a set, checked together.
 */
final class ConstraintTiming {
    private boolean sawDeferrability;
    private boolean sawInitially;
    private boolean notDeferrable;
    private boolean deferrable;
    private boolean initiallyDeferred;
    private boolean initiallyImmediate;
    private int firstPosition;

    /** DEFERRABLE, or INITIALLY DEFERRED which implies it. */
    boolean deferrable() {
        return deferrable;
    }

    boolean initiallyDeferred() {
        return initiallyDeferred;
    }

    /** Where the first attribute is written. */
    int firstPosition() {
        return firstPosition;
    }

    void columnAttribute(String attribute, int position) {
        boolean isDeferrability = attribute.endsWith("DEFERRABLE");
        if (isDeferrability ? sawDeferrability : sawInitially) {
            throw DbException.of(SqlState.SYNTAX_ERROR, isDeferrability
                    ? "multiple DEFERRABLE/NOT DEFERRABLE clauses not allowed"
                    : "multiple INITIALLY IMMEDIATE/DEFERRED clauses not allowed").withPosition(position);
        }
        if (isDeferrability) {
            sawDeferrability = true;
            deferrable = attribute.equals("DEFERRABLE");
            notDeferrable = !deferrable;
        } else {
            sawInitially = true;
            initiallyDeferred = attribute.equals("INITIALLY DEFERRED");
            if (initiallyDeferred && !sawDeferrability) {
                deferrable = true;
            }
        }
        if (initiallyDeferred && notDeferrable) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "constraint declared INITIALLY DEFERRED must be DEFERRABLE")
                    .withPosition(position);
        }
        if (firstPosition == 0) {
            firstPosition = position;
        }
    }

    void tableAttribute(String attribute, int position) {
        if (firstPosition == 0) {
            firstPosition = position;
        }
        switch (attribute) {
            case "DEFERRABLE" -> deferrable = true;
            case "NOT DEFERRABLE" -> notDeferrable = true;
            case "INITIALLY DEFERRED" -> initiallyDeferred = true;
            default -> initiallyImmediate = true;
        }
        if ((deferrable && notDeferrable) || (initiallyDeferred && initiallyImmediate)) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "conflicting constraint properties")
                    .withPosition(firstPosition);
        }
        if (initiallyDeferred && notDeferrable) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "constraint declared INITIALLY DEFERRED must be DEFERRABLE")
                    .withPosition(firstPosition);
        }
        if (initiallyDeferred) {
            deferrable = true;
        }
    }
}
