package org.rustydb.storage.paged.internal.page;

/**
 * The address of a page: a file of the database directory and the page's number in it.
 *
 * @param fileId the file, as numbered by the catalog (see {@code io.DiskManager})
 * @param pageNo the 0-based page number within the file
 */
public record PageId(int fileId, int pageNo) {
    /**
     * Spreads the file over the bits, so that the buffer pool's page table does not chain file
     * f's page p with file f+1's page p-31, as the record's default hash does.
     */
    @Override
    public int hashCode() {
        return fileId * 0x9E3779B9 ^ pageNo;
    }

    @Override
    public String toString() {
        return fileId + ":" + pageNo;
    }
}
