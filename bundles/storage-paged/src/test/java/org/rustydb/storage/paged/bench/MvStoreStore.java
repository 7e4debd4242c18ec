package org.rustydb.storage.paged.bench;

import java.nio.file.Path;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.LongDataType;

/**
 * H2's MVStore doing the same work: one file, default settings (cache size only if asked), an
 * {@code MVMap<Long, Object[]>} keyed by id. A batch is durable like ours: {@link MVStore#commit()}
 * writes the changes as a new chunk (synchronously when called by the application thread) and
 * {@link MVStore#sync()} then forces the file ({@code FileChannel.force(true)}).
 */
final class MvStoreStore implements BenchedStore {
    private final Path dir;
    private final MVStore store;
    private final MVMap<Long, Object[]> map;

    /** @param cacheMb the page cache in MiB, 0 for H2's default */
    MvStoreStore(Path dir, int cacheMb) {
        this.dir = dir;
        MVStore.Builder builder = new MVStore.Builder().fileName(dir.resolve("sbtest.mv.db").toString());
        if (cacheMb > 0) {
            builder.cacheSize(cacheMb);
        }
        store = builder.open();
        map = store.openMap("sbtest", new MVMap.Builder<Long, Object[]>()
                .keyType(LongDataType.INSTANCE)
                .valueType(SbtestRowType.INSTANCE));
        store.commit();
        store.sync();
    }

    @Override
    public void insertBatch(Object[][] rows, int from, int to) {
        for (int i = from; i < to; i++) {
            Object[] row = rows[i];
            // a primary key refuses duplicates: check in the same descent, as our unique B+tree does
            if (map.putIfAbsent((Long) row[0], row) != null) {
                throw new IllegalStateException("mvstore: duplicate id " + row[0]);
            }
        }
        store.commit();
        store.sync();
    }

    @Override
    public long lookupKSum(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            Object[] row = map.get(id);
            if (row == null) {
                throw new IllegalStateException("mvstore: no row with id " + id);
            }
            sum += (Integer) row[1];
        }
        return sum;
    }

    @Override
    public ScanTotals scan() {
        long rows = 0;
        long kSum = 0;
        Cursor<Long, Object[]> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            cursor.next();
            rows++;
            kSum += (Integer) cursor.getValue()[1];
        }
        return new ScanTotals(rows, kSum);
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            BenchedStore.deleteTree(dir);
        }
    }
}
