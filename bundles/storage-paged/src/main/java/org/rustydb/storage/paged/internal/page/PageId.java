package org.rustydb.storage.paged.internal.page;

/**
 * The address of a page: a file of the database directory and the page's number in it.
 *
 * @param fileId the file, as numbered by the catalog (see {@code io.DiskManager})
 * @param pageNo the 0-based page number within the file
 */
public record PageId(int fileId, int pageNo) {
    @Override
    public String toString() {
        return fileId + ":" + pageNo;
    }
}
