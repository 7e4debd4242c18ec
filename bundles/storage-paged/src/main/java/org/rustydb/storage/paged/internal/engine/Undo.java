package org.rustydb.storage.paged.internal.engine;

import org.rustydb.storage.paged.internal.catalog.RelationRecord;

/**
 * One change a transaction made after a savepoint, as {@link SavepointUndo} takes it back: only
 * what is needed to find the change, because versions are never overwritten, only marked.
 */
sealed interface Undo {
    /** A row version it created: rolling back marks it deleted by its creator, dead to everyone. */
    record RowInserted(PagedTable table, long rowId) implements Undo {
    }

    /** A row version it marked deleted (the first half of an update, or a delete). */
    record RowDeleted(PagedTable table, long rowId) implements Undo {
    }

    record TableCreated(PagedTable table) implements Undo {
    }

    record TableDropped(PagedTable table) implements Undo {
    }

    /**
     * A new catalog tuple for the table (ALTER TABLE, constraint changes): rolling back makes it
     * dead and the one before ({@code before}, at {@code beforeRowId}) current again.
     */
    record TableAltered(PagedTable table, RelationRecord before, long beforeRowId, long rowId) implements Undo {
    }

    record IndexCreated(PagedIndex index) implements Undo {
    }

    record IndexDropped(PagedIndex index) implements Undo {
    }

    record ViewCreated(PagedView view) implements Undo {
    }

    record ViewDropped(PagedView view) implements Undo {
    }

    record SchemaCreated(PagedSchema schema) implements Undo {
    }

    record SchemaDropped(PagedSchema schema) implements Undo {
    }

    record SequenceCreated(PagedSequence sequence) implements Undo {
    }

    record SequenceDropped(PagedSequence sequence) implements Undo {
    }

    /** An ALTER SEQUENCE whose values a rollback carries back to the old version ({@link Sequences#carry}). */
    record SequenceCarried(PagedSequence[] versions) implements Undo {
    }
}
