package org.rustydb.spi.storage;

/**
 * What one {@link StorageEngine#vacuum} of a table did, in PostgreSQL's terms ({@code VACUUM
 * VERBOSE} reports the same counts). An engine that keeps no dead row versions reports zeros for
 * what it had nothing to do.
 *
 * @param removedVersions      dead row versions removed: deleted or replaced by committed
 *                             transactions that no open snapshot can see, or written by aborted ones
 * @param remainingVersions    row versions left in the table, live or not yet removable
 * @param unremovableVersions  dead row versions left because an open snapshot may still see them
 * @param removedIndexEntries  index entries removed with the versions they pointed at
 * @param pages                pages the table has after the vacuum (0 for an engine without pages)
 * @param freedPages           pages the vacuum emptied, free for new rows
 */
public record VacuumResult(long removedVersions, long remainingVersions, long unremovableVersions,
                           long removedIndexEntries, long pages, long freedPages) {
    public VacuumResult {
        if (removedVersions < 0 || remainingVersions < 0 || unremovableVersions < 0 || removedIndexEntries < 0
                || pages < 0 || freedPages < 0) {
            throw new IllegalArgumentException("negative vacuum count");
        }
    }
}
