package org.rustydb.spi.storage;

import java.util.Objects;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;

/**
 * A sequence generator (CREATE SEQUENCE). The engine keeps the definition transactionally, like a
 * table's, and the current value outside any transaction: a value handed out is never handed out
 * again, whether the transaction that asked for it commits or not, and also after a crash once a
 * commit that followed it was acknowledged.
 *
 * @param schema      the schema name
 * @param name        the sequence name, already case-folded; sequences share the schema's
 *                    namespace with tables and indexes
 * @param increment   the step, positive or negative, never 0
 * @param minValue    the lowest value
 * @param maxValue    the highest value
 * @param start       the first value
 * @param cycle       whether the sequence wraps around at its end instead of failing with 2200H
 * @param ownerTable  the table (of the same schema) whose column owns the sequence, or null:
 *                    dropping the table or the column drops the sequence (serial, identity)
 * @param ownerColumn the owning column's name, or null
 * @param type        the data type (AS): SMALLINT, INTEGER or BIGINT; the bounds lie within it
 */
public record SequenceDefinition(String schema, String name, long increment, long minValue, long maxValue,
                                 long start, boolean cycle, String ownerTable, String ownerColumn, SqlType type) {
    public SequenceDefinition {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        if (type != SqlType.SMALLINT && type != SqlType.INTEGER && type != SqlType.BIGINT) {
            throw new IllegalArgumentException("a sequence is smallint, integer or bigint: " + type);
        }
        if (increment == 0) {
            throw new IllegalArgumentException("INCREMENT must not be zero");
        }
        if (minValue > maxValue || start < minValue || start > maxValue) {
            throw new IllegalArgumentException("START must be between MINVALUE and MAXVALUE");
        }
        if ((ownerTable == null) != (ownerColumn == null)) {
            throw new IllegalArgumentException("an owner is a table and a column");
        }
    }

    /** A bigint sequence. */
    public SequenceDefinition(String schema, String name, long increment, long minValue, long maxValue, long start,
                              boolean cycle, String ownerTable, String ownerColumn) {
        this(schema, name, increment, minValue, maxValue, start, cycle, ownerTable, ownerColumn, SqlType.BIGINT);
    }

    /** The same sequence owned by another table and column (null for none). */
    public SequenceDefinition withOwner(String table, String column) {
        return new SequenceDefinition(schema, name, increment, minValue, maxValue, start, cycle, table, column, type);
    }

    /** The same sequence under another schema and name. */
    public SequenceDefinition withName(String newSchema, String newName) {
        return new SequenceDefinition(newSchema, newName, increment, minValue, maxValue, start, cycle, ownerTable,
                ownerColumn, type);
    }

    /**
     * 22023 unless {@code value} lies within the bounds: PostgreSQL's check of ALTER SEQUENCE's
     * RESTART value, and of the current value when the statement restarts nothing.
     */
    public void checkRestart(long value) {
        if (value < minValue) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (%d) cannot be less than MINVALUE (%d)",
                    value, minValue);
        }
        if (value > maxValue) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "RESTART value (%d) cannot be greater than MAXVALUE (%d)", value, maxValue);
        }
    }
}
