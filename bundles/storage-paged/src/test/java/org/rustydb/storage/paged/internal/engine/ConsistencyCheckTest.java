package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.paged.internal.btree.KeyEncoder;
import org.rustydb.storage.paged.internal.shell.CheckCommand;

class ConsistencyCheckTest extends OpenEngine {
    @Test
    void healthyTablesPassAndAMissingEntryIsReported() {
        Transaction txn = begin();
        TableHandle t = engine.createTable(txn, PagedRecoveryTest.table("t"));
        engine.createIndex(txn, t, new IndexDefinition("t_v", List.of(1), false));
        for (int i = 0; i < 3000; i++) {
            engine.insert(txn, t, new Object[] {i, "v" + (i % 17)});
        }
        txn.commit();
        Transaction churn = begin();
        engine.delete(churn, t, PagedRecoveryTest.rowIdOf(engine, churn, "t", 5));
        churn.commit();
        Transaction aborted = begin();
        engine.insert(aborted, t, new Object[] {5000, "never"});
        aborted.rollback();

        List<ConsistencyCheck.TableReport> reports = new ConsistencyCheck(engine).run(Set.of());
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).ok(), reports.get(0).problems().toString());
        assertEquals(2999, reports.get(0).liveRows());

        // damage: the primary key loses the entry of one live row
        PagedTable table = (PagedTable) t;
        PagedIndex pkey = table.indexes().get(0);
        long rowId = PagedRecoveryTest.rowIdOf(engine, begin(), "t", 42).value();
        assertTrue(pkey.tree().delete(KeyEncoder.encode(42), rowId, 0));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DbException e = assertThrows(DbException.class,
                () -> new CheckCommand(engine).execute(List.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertEquals(SqlState.DATA_CORRUPTED, e.sqlState());
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("index t_pkey") && out.contains("(42, v8) has no index entry"), out);
    }
}
