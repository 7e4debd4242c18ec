package org.rustydb.storage.paged.internal.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.log.internal.codec.CorruptDataException;
import org.rustydb.storage.log.internal.wal.WalReader;
import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * Crash recovery's redo pass: replays every page edit logged since the last checkpoint's redo
 * pointer onto the pages, in log order. A delta is applied only to a page older than the record
 * (its LSN is lower); a full-page image is always applied, which is what repairs a page torn by a
 * crash mid-write. There is no undo pass: uncommitted changes stay on the pages but are
 * invisible, because their transaction never reached the committed state.
 */
public final class Redo {
    /** Pages as redo needs them. */
    public interface Target {
        /** Pins a page even past the end of its file; an unreadable page comes back zeroed. */
        Page pinForRedo(PageId id);

        /** True if the page pinned by {@link #pinForRedo} failed its checksum (torn or damaged). */
        boolean wasUnreadable(Page page);
    }

    /**
     * What redo found.
     *
     * @param endLsn       where the log ends (appending continues there)
     * @param tornBytes    bytes of a torn last record cut off the log
     * @param records      records replayed
     * @param pagesApplied page changes applied (the rest were already on disk)
     * @param maxXid       the highest transaction id in the replayed records
     * @param maxFileId    the highest file id in the replayed records
     */
    public record Result(long endLsn, long tornBytes, long records, long pagesApplied, long maxXid, int maxFileId) {
    }

    private Redo() {
    }

    public static Result replay(Path walDir, long from, Target target) throws IOException {
        Set<PageId> unreadable = new HashSet<>();
        Set<PageId> checked = new HashSet<>();
        long[] applied = new long[1];
        long[] maxXid = new long[1];
        int[] maxFileId = new int[1];
        WalReader.ScanResult scan = WalReader.scan(walDir, from, record -> {
            RedoRecord redo;
            try {
                redo = RedoRecord.decode(record.payload());
            } catch (CorruptDataException e) {
                throw DbException.of(SqlState.DATA_CORRUPTED, "invalid redo record at %d in \"%s\": %s", record.lsn(),
                        record.segment(), e.getMessage());
            }
            maxXid[0] = Math.max(maxXid[0], redo.xid());
            for (RedoRecord.PageChange change : redo.pages()) {
                maxFileId[0] = Math.max(maxFileId[0], change.page().fileId());
                if (apply(target, change, record.endLsn(), unreadable, checked)) {
                    applied[0]++;
                }
            }
        });
        if (!unreadable.isEmpty()) {
            PageId first = unreadable.iterator().next();
            throw DbException.of(SqlState.DATA_CORRUPTED,
                    "invalid page in block %d of relation file base/%d", first.pageNo(), first.fileId());
        }
        return new Result(scan.endLsn(), scan.tornBytes(), scan.records(), applied[0], maxXid[0], maxFileId[0]);
    }

    private static boolean apply(Target target, RedoRecord.PageChange change, long lsn, Set<PageId> unreadable,
                                 Set<PageId> checked) {
        try (Page page = target.pinForRedo(change.page())) {
            page.latchExclusive();
            try {
                if (checked.add(change.page()) && target.wasUnreadable(page)) {
                    unreadable.add(change.page());
                }
                if (change.definesWholePage()) {
                    change.applyTo(page.data());
                    unreadable.remove(change.page());
                } else if (unreadable.contains(change.page())) {
                    // a torn page must be restored by an image before any delta: the log lacks it
                    throw DbException.of(SqlState.DATA_CORRUPTED,
                            "invalid page in block %d of relation file base/%d", change.page().pageNo(),
                            change.page().fileId());
                } else if (PageLayout.lsn(page.data()) < lsn) {
                    change.applyTo(page.data());
                } else {
                    return false;
                }
                page.markDirty(lsn);
                return true;
            } finally {
                page.unlatchExclusive();
            }
        }
    }
}
