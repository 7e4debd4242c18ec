package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * A cursor sees each row once, as it was when the cursor opened, even when the transaction that
 * updates the row commits between the cursor's visits to the old and the new version (which a
 * version-by-version check against live states would both accept, found by the crash test as a
 * transfer that updated one account instead of two).
 */
class SnapshotReadTest extends OpenEngine {
    @Test
    void aCommitDuringAScanNeitherDoublesNorLosesTheRow() {
        Transaction setup = begin();
        TableHandle t = engine.createTable(setup, PagedRecoveryTest.table("t"));
        engine.insert(setup, t, new Object[] {1, "old"});
        setup.commit();

        for (boolean throughIndex : new boolean[] {false, true}) {
            Transaction writer = begin();
            String before = (String) onlyRow(engine, t)[1];
            engine.update(writer, t, PagedRecoveryTest.rowIdOf(engine, writer, "t", 1), new Object[] {1, before},
                    new Object[] {1, before + "+"});
            Transaction reader = begin();
            List<Object> seen = new ArrayList<>();
            try (RowCursor cursor = throughIndex
                    ? engine.scanIndex(reader, engine.indexes(reader, t).get(0), KeyRange.equal(1), false)
                    : engine.scan(reader, t)) {
                boolean first = cursor.next();
                if (first) {
                    seen.add(cursor.row()[1]);
                }
                writer.commit(); // between the cursor's two versions of the row
                while (cursor.next()) {
                    seen.add(cursor.row()[1]);
                }
            }
            reader.commit();
            assertEquals(List.of(before), seen, throughIndex ? "index scan" : "table scan");
        }
    }

    private Object[] onlyRow(PagedStorageEngine engine, TableHandle t) {
        Transaction txn = begin();
        try (RowCursor cursor = engine.scan(txn, t)) {
            cursor.next();
            return cursor.row().clone();
        } finally {
            txn.commit();
        }
    }
}
