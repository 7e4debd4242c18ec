package org.rustydb.storage.memory.internal.durable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.storage.log.internal.codec.CorruptDataException;

class RedoCodecTest {
    static final TableDefinition T = new TableDefinition("public", "t",
            List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                    new ColumnDefinition("v", SqlType.TEXT, -1, false)),
            List.of(new UniqueKey("t_pkey", List.of(0), true)));
    static final TableName NAME = TableName.of(T);
    static final CheckConstraint CHECK = new CheckConstraint("t_id_check", "id > 0");
    static final ForeignKey FK = new ForeignKey("t_id_fkey", List.of(0), "public", "p", List.of(0),
            ForeignKey.Action.CASCADE, ForeignKey.Action.SET_NULL, false, true, true);
    static final TableDefinition CONSTRAINED = T.withConstraints(List.of(CHECK), List.of(FK));
    static final TableName OTHER = new TableName("s.x", "y.z");

    @Test
    void everyOpRoundTrips() {
        List<RedoOp> ops = List.of(new RedoOp.CreateTable(T),
                new RedoOp.Insert(NAME, 1, new Object[] {1, "a"}),
                new RedoOp.Insert(OTHER, 2, new Object[] {null}),
                new RedoOp.Update(NAME, 1, new Object[] {1, null}),
                new RedoOp.Delete(NAME, 1),
                new RedoOp.Delete(OTHER, 2),
                new RedoOp.CreateIndex(NAME, new IndexDefinition("t_v", List.of(1, 0), false)),
                new RedoOp.CreateIndex(OTHER, new IndexDefinition("x_key", List.of(300), true)),
                new RedoOp.DropIndex(NAME, "t_v"),
                new RedoOp.DropTable(NAME),
                new RedoOp.CreateTable(CONSTRAINED),
                new RedoOp.AlterConstraints(NAME, List.of(), List.of(FK)),
                new RedoOp.AlterConstraints(OTHER, List.of(CHECK), List.of()));
        RedoCodec.RedoRecord back = RedoCodec.decode(RedoCodec.encode(77, ops));
        assertEquals(77, back.txnId());
        assertEquals(ops.size(), back.ops().size());
        for (int i = 0; i < ops.size(); i++) {
            assertSameOp(ops.get(i), back.ops().get(i));
        }
    }

    static void assertSameOp(RedoOp expected, RedoOp actual) {
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.table(), actual.table());
        if (expected instanceof RedoOp.Insert e && actual instanceof RedoOp.Insert a) {
            assertEquals(e.rowId(), a.rowId());
            assertArrayEquals(e.values(), a.values());
        } else if (expected instanceof RedoOp.Update e && actual instanceof RedoOp.Update a) {
            assertEquals(e.rowId(), a.rowId());
            assertArrayEquals(e.values(), a.values());
        } else if (expected instanceof RedoOp.Delete e && actual instanceof RedoOp.Delete a) {
            assertEquals(e.rowId(), a.rowId());
        } else if (expected instanceof RedoOp.CreateTable e && actual instanceof RedoOp.CreateTable a) {
            assertEquals(e.definition(), a.definition());
        } else {
            assertEquals(expected, actual); // the index ops are plain records
        }
    }

    @Test
    void aTableWithoutConstraintsIsLoggedAsBeforeConstraintsExisted() {
        byte[] plain = RedoCodec.encode(1, List.of(new RedoOp.CreateTable(T)));
        // format, transaction id, op count, then the op: CREATE (1) as records written before constraints
        assertEquals(1, plain[3]);
        assertEquals(T, ((RedoOp.CreateTable) RedoCodec.decode(plain).ops().get(0)).definition());
        byte[] constrained = RedoCodec.encode(1, List.of(new RedoOp.CreateTable(CONSTRAINED)));
        assertEquals(CONSTRAINED, ((RedoOp.CreateTable) RedoCodec.decode(constrained).ops().get(0)).definition());
    }

    @Test
    void aBulkInsertNamesItsTableOnce() {
        List<RedoOp> ops = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            ops.add(new RedoOp.Insert(NAME, i, new Object[] {i, "v"}));
        }
        byte[] bytes = RedoCodec.encode(1, ops);
        // 11 bytes a row here; naming the table in each op would add 10 more
        assertTrue(bytes.length < 1000 * 12, "bytes per row: " + bytes.length / 1000.0);
        assertEquals(1000, RedoCodec.decode(bytes).ops().size());
    }

    @Test
    void damagedRecordsAreCorruptData() {
        byte[] bytes = RedoCodec.encode(5, List.of(new RedoOp.CreateTable(T),
                new RedoOp.Insert(NAME, 3, new Object[] {3, "x"}),
                new RedoOp.CreateIndex(NAME, new IndexDefinition("t_v", List.of(1), true)),
                new RedoOp.DropIndex(NAME, "t_v"),
                new RedoOp.CreateTable(CONSTRAINED),
                new RedoOp.AlterConstraints(NAME, List.of(CHECK), List.of(FK))));
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] shorter = Arrays.copyOf(bytes, cut);
            assertThrows(CorruptDataException.class, () -> RedoCodec.decode(shorter), "cut " + cut);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(CorruptDataException.class, () -> RedoCodec.decode(longer));
        byte[] badFormat = bytes.clone();
        badFormat[0] = 9;
        assertThrows(CorruptDataException.class, () -> RedoCodec.decode(badFormat));
    }
}
