package org.rustydb.storage.paged.internal.log;

import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.page.PageWriter;

/**
 * An atomic change of one or more pages (a mini-transaction): the caller latches each page
 * exclusively, writes it through the {@link PageWriter} this edit hands out, then calls
 * {@link #commit} once, which logs all the changed bytes as one redo record, stamps every page
 * with that record's LSN and marks them dirty; then the caller releases the latches. After a
 * crash, redo replays the record whole or not at all, so a B+tree split spanning three pages is
 * never half done.
 *
 * <p>There is no undo of a page edit: check everything that can fail before writing the first
 * byte. Threading: one thread.
 */
public interface PageEdit {
    /** The writer for a page of this edit (the same one if asked again); the page must be latched exclusively. */
    PageWriter write(Page page);

    /** Logs and applies the edit; returns the LSN it was given. An edit that wrote nothing returns 0. */
    long commit();
}
