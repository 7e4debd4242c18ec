package org.rustydb.storage.paged.internal.log;

/**
 * Starts {@link PageEdit}s: the only way pages are changed. Implemented by the engine's redo log
 * ({@link RedoLog}); tests of page structures may use a log that only stamps LSNs.
 */
public interface PageEditLog {
    /**
     * Starts an atomic change of one or more pages made for a transaction.
     *
     * @param xid the storage transaction id the change belongs to, 0 for changes that belong to no
     *            transaction (a B+tree split, formatting a new page)
     */
    PageEdit begin(long xid);
}
