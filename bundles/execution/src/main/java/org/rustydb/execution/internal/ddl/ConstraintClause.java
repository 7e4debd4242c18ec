package org.rustydb.execution.internal.ddl;

import java.util.List;

import org.rustydb.execution.internal.parser.ExpressionText;
import org.rustydb.spi.storage.ForeignKey;

/**
 * A constraint as written in CREATE TABLE, column-level or table-level, before it is checked
 * against the table and named. Column-level ones have no column list: they apply to their column.
 */
sealed interface ConstraintClause {
    /** The name after CONSTRAINT, or null. */
    String name();

    /** The 1-based position where the clause is written (its CONSTRAINT keyword, if any). */
    int position();

    /** NOT NULL, or NULL when {@code notNull} is false; column-level only. */
    record Nullability(String name, int position, boolean notNull) implements ConstraintClause {
    }

    /** PRIMARY KEY or UNIQUE; {@code columns} is null at column level. */
    record Key(String name, int position, boolean primary, List<String> columns) implements ConstraintClause {
    }

    /** DEFAULT expression; column-level only. */
    record Default(String name, int position, ExpressionText expression) implements ConstraintClause {
    }

    /** GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(sequence options)]; column-level only. */
    record Identity(String name, int position, boolean always, SequenceOptions options) implements ConstraintClause {
    }

    /** CHECK (expression). */
    record Check(String name, int position, ExpressionText expression) implements ConstraintClause {
    }

    /** REFERENCES, or FOREIGN KEY (columns) REFERENCES; {@code columns} is null at column level. */
    record References(String name, int position, List<String> columns, Target target) implements ConstraintClause {
    }

    /**
     * What a foreign key references and how it behaves.
     *
     * @param schema            the schema written before the table name, or null
     * @param table             the referenced table
     * @param columns           the referenced columns, or null for the referenced table's primary key
     * @param deferrable        DEFERRABLE (or INITIALLY DEFERRED) was written
     * @param initiallyDeferred INITIALLY DEFERRED was written
     */
    record Target(String schema, String table, List<String> columns, boolean matchFull, ForeignKey.Action onDelete,
                  ForeignKey.Action onUpdate, boolean deferrable, boolean initiallyDeferred) {
        Target withTiming(boolean newDeferrable, boolean newInitiallyDeferred) {
            return new Target(schema, table, columns, matchFull, onDelete, onUpdate, newDeferrable,
                    newInitiallyDeferred);
        }
    }
}
