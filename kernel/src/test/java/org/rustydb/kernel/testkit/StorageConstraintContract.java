package org.rustydb.kernel.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;

/**
 * How a {@link StorageEngine} keeps CHECK and FOREIGN KEY constraints: as part of the table
 * definition it was created with, replaced transactionally by
 * {@link StorageEngine#alterConstraints}. Enforcing them is the query engine's business.
 */
public abstract class StorageConstraintContract extends StorageContractBase {
    protected static final ForeignKey TO_PARENT = new ForeignKey("child_pid_fkey", List.of(1), "public", "parent",
            List.of(0), ForeignKey.Action.CASCADE, ForeignKey.Action.NO_ACTION, false, true, true);
    protected static final ForeignKey TO_SELF = new ForeignKey("child_up_fkey", List.of(2), "public", "child",
            List.of(0), ForeignKey.Action.SET_NULL, ForeignKey.Action.RESTRICT, true, false, false);
    protected static final CheckConstraint POSITIVE = new CheckConstraint("child_id_check", "id > 0");

    protected static TableDefinition child() {
        return new TableDefinition("public", "child",
                List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                        new ColumnDefinition("pid", SqlType.BIGINT, -1, false),
                        new ColumnDefinition("up", SqlType.INTEGER, -1, false)),
                List.of(new UniqueKey("child_pkey", List.of(0), true)),
                List.of(POSITIVE, new CheckConstraint("child_check", "pid <> up OR up IS NULL")),
                List.of(TO_PARENT, TO_SELF));
    }

    private TableHandle committedChild() {
        Transaction txn = begin();
        TableHandle table = engine.createTable(txn, child());
        txn.commit();
        return table;
    }

    private TableDefinition found(String name) {
        Transaction txn = begin();
        TableDefinition definition = engine.findTable(txn, "public", name).orElseThrow().definition();
        txn.commit();
        return definition;
    }

    @Test
    void constraintsAreKeptWithTheDefinition() {
        TableHandle table = committedChild();
        assertEquals(child(), table.definition());
        assertEquals(child(), found("child"));
    }

    @Test
    void alterConstraintsReplacesThemAndACommitKeepsIt() {
        TableHandle table = committedChild();
        Transaction txn = begin();
        engine.alterConstraints(txn, table, List.of(POSITIVE), List.of(TO_SELF));
        TableDefinition altered = child().withConstraints(List.of(POSITIVE), List.of(TO_SELF));
        assertEquals(altered, engine.findTable(txn, "public", "child").orElseThrow().definition());
        engine.insert(txn, table, new Object[] {1, 2L, null});
        txn.commit();
        assertEquals(altered, found("child"));
        Transaction again = begin();
        engine.alterConstraints(again, engine.findTable(again, "public", "child").orElseThrow(), List.of(),
                List.of());
        again.commit();
        assertEquals(child().withConstraints(List.of(), List.of()), found("child"));
    }

    @Test
    void rollbackRestoresTheConstraints() {
        TableHandle table = committedChild();
        Transaction txn = begin();
        engine.alterConstraints(txn, table, List.of(), List.of());
        engine.alterConstraints(txn, table, List.of(POSITIVE), List.of());
        txn.rollback();
        assertEquals(child(), found("child"));
        assertEquals(child(), table.definition());
    }

    @Test
    void alteredTableIsLockedForOthersUntilTheAlterEnds() {
        TableHandle table = committedChild();
        Transaction alterer = begin();
        engine.alterConstraints(alterer, table, List.of(), List.of());
        Transaction other = begin();
        assertLocked(() -> engine.insert(other, table, new Object[] {1, 2L, null}));
        assertLocked(() -> engine.dropTable(other, table));
        assertLocked(() -> engine.alterConstraints(other, table, List.of(), List.of()));
        alterer.commit();
        engine.insert(other, table, new Object[] {1, 2L, null});
        other.commit();
    }

    @Test
    void alterWhileAnotherTransactionWritesTheTableIs55P03() {
        TableHandle table = committedChild();
        Transaction writer = begin();
        engine.insert(writer, table, new Object[] {1, 2L, null});
        Transaction alterer = begin();
        assertLocked(() -> engine.alterConstraints(alterer, table, List.of(), List.of()));
        writer.commit();
        engine.alterConstraints(alterer, table, List.of(), List.of());
        alterer.commit();
    }

    @Test
    void alteredThenDroppedInOneTransaction() {
        TableHandle table = committedChild();
        Transaction txn = begin();
        engine.alterConstraints(txn, table, List.of(), List.of());
        engine.dropTable(txn, table);
        txn.rollback();
        assertEquals(child(), found("child"));
        Transaction drop = begin();
        engine.alterConstraints(drop, table, List.of(), List.of());
        engine.dropTable(drop, table);
        drop.commit();
        Transaction read = begin();
        assertEquals(true, engine.findTable(read, "public", "child").isEmpty());
        read.commit();
    }

    private static void assertLocked(Runnable action) {
        DbException e = assertThrows(DbException.class, action::run);
        assertEquals(SqlState.LOCK_NOT_AVAILABLE, e.sqlState(), e.getMessage());
    }
}
