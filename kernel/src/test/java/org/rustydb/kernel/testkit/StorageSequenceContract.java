package org.rustydb.kernel.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.SequenceHandle;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.Transaction;

/**
 * ALTER SEQUENCE on a storage engine: the new definition and RESTART are undone by a rollback,
 * which also takes back the values handed out since when the way values are made changed (as
 * PostgreSQL's new relfilenode) but not after a mere rename; other transactions cannot use a
 * sequence being altered; a durable engine keeps what was committed across a crash.
 */
public abstract class StorageSequenceContract extends StorageContractBase {
    private static final SequenceDefinition S = new SequenceDefinition("public", "s", 1, 1, 1_000_000, 1, false,
            null, null, SqlType.INTEGER);

    /** As {@link StorageDdlContract#restart}: null for an engine that keeps nothing. */
    protected abstract StorageEngine restart(boolean crash);

    private SequenceHandle create(SequenceDefinition d) {
        Transaction txn = begin();
        SequenceHandle s = engine.createSequence(txn, d);
        txn.commit();
        return s;
    }

    private SequenceHandle find(String name) {
        Transaction txn = begin();
        SequenceHandle s = engine.findSequence(txn, "public", name).orElse(null);
        txn.commit();
        return s;
    }

    private long next(String name) {
        Transaction txn = begin();
        long v = engine.nextValue(txn, engine.findSequence(txn, "public", name).orElseThrow());
        txn.commit();
        return v;
    }

    private void alter(SequenceDefinition d, Long restart, boolean newGenerator, boolean commit) {
        Transaction txn = begin();
        engine.alterSequence(txn, engine.findSequence(txn, "public", "s").orElseThrow(), d, restart, newGenerator);
        if (commit) {
            txn.commit();
        } else {
            txn.rollback();
        }
    }

    private static SequenceDefinition withIncrement(SequenceDefinition d, long increment) {
        return new SequenceDefinition(d.schema(), d.name(), increment, d.minValue(), d.maxValue(), d.start(),
                d.cycle(), d.ownerTable(), d.ownerColumn(), d.type());
    }

    private static DbException fails(String state, Runnable action) {
        DbException e = assertThrows(DbException.class, action::run);
        assertEquals(state, e.sqlState(), e.getMessage());
        return e;
    }

    @Test
    void alterationAndRestartAreUndoneWithTheValuesMadeSince() {
        create(S);
        assertEquals(1, next("s"));
        Transaction undone = begin();
        SequenceHandle s = engine.findSequence(undone, "public", "s").orElseThrow();
        engine.alterSequence(undone, s, withIncrement(S, 10), 50L, true);
        SequenceHandle altered = engine.findSequence(undone, "public", "s").orElseThrow();
        assertEquals(10, altered.definition().increment());
        assertEquals(50, engine.nextValue(undone, altered));
        assertEquals(60, engine.nextValue(undone, altered));
        undone.rollback();
        assertEquals(S, find("s").definition());
        assertEquals(2, next("s"));

        alter(withIncrement(S, 10), null, true, true);
        assertEquals(withIncrement(S, 10), find("s").definition());
        assertEquals(12, next("s"));
        alter(withIncrement(S, 10), 5L, true, true);
        assertEquals(5, next("s"));
        assertEquals(15, next("s"));
    }

    @Test
    void aRolledBackRenameKeepsTheValuesHandedOut() {
        create(S);
        assertEquals(1, next("s"));
        Transaction undone = begin();
        engine.alterSequence(undone, engine.findSequence(undone, "public", "s").orElseThrow(),
                S.withName("public", "r"), null, false);
        assertTrue(engine.findSequence(undone, "public", "s").isEmpty());
        assertEquals(2, engine.nextValue(undone, engine.findSequence(undone, "public", "r").orElseThrow()));
        undone.rollback();
        assertTrue(find("r") == null);
        assertEquals(3, next("s"));

        alter(S.withName("public", "r"), null, false, true);
        assertTrue(find("s") == null);
        assertEquals(S.withName("public", "r"), find("r").definition());
        assertEquals(4, next("r"));
    }

    @Test
    void boundsThatLeaveTheValueOutAndTakenNamesFail() {
        create(S);
        create(new SequenceDefinition("public", "other", 1, 1, 10, 1, false, null, null));
        for (int i = 0; i < 12; i++) {
            next("s");
        }
        SequenceDefinition narrow = new SequenceDefinition("public", "s", 1, 1, 10, 1, false, null, null,
                SqlType.INTEGER);
        Transaction txn = begin();
        SequenceHandle s = engine.findSequence(txn, "public", "s").orElseThrow();
        DbException e = fails(SqlState.INVALID_PARAMETER_VALUE, () -> engine.alterSequence(txn, s, narrow, null, true));
        assertEquals("RESTART value (12) cannot be greater than MAXVALUE (10)", e.getMessage());
        e = fails(SqlState.INVALID_PARAMETER_VALUE, () -> engine.alterSequence(txn, s, S, 0L, true));
        assertEquals("RESTART value (0) cannot be less than MINVALUE (1)", e.getMessage());
        fails(SqlState.DUPLICATE_TABLE, () -> engine.alterSequence(txn, s, S.withName("public", "other"), null, false));
        engine.alterSequence(txn, s, narrow, 3L, true);
        txn.commit();
        assertEquals(3, next("s"));
    }

    @Test
    void aRollbackToASavepointTakesBackAlterationsCreationsAndDrops() {
        create(S);
        assertEquals(1, next("s"));
        Transaction txn = begin();
        txn.savepoint("a");
        engine.alterSequence(txn, engine.findSequence(txn, "public", "s").orElseThrow(), withIncrement(S, 10), 50L,
                true);
        assertEquals(50, engine.nextValue(txn, engine.findSequence(txn, "public", "s").orElseThrow()));
        engine.createSequence(txn, S.withName("public", "made"));
        txn.rollbackToSavepoint("a");
        assertTrue(engine.findSequence(txn, "public", "made").isEmpty());
        assertEquals(S, engine.findSequence(txn, "public", "s").orElseThrow().definition());
        assertEquals(2, engine.nextValue(txn, engine.findSequence(txn, "public", "s").orElseThrow()));
        txn.savepoint("b");
        engine.alterSequence(txn, engine.findSequence(txn, "public", "s").orElseThrow(), S.withName("public", "r"),
                null, false);
        assertEquals(3, engine.nextValue(txn, engine.findSequence(txn, "public", "r").orElseThrow()));
        txn.rollbackToSavepoint("b");
        engine.dropSequence(txn, engine.findSequence(txn, "public", "s").orElseThrow());
        txn.rollbackToSavepoint("b");
        assertEquals(4, engine.nextValue(txn, engine.findSequence(txn, "public", "s").orElseThrow()));
        txn.commit();
        assertEquals(S, find("s").definition());
        assertTrue(find("r") == null);
        assertEquals(5, next("s"));
    }

    @Test
    void othersCannotUseASequenceBeingAltered() {
        create(S);
        Transaction other = begin();
        SequenceHandle seen = engine.findSequence(other, "public", "s").orElseThrow();
        Transaction altering = begin();
        engine.alterSequence(altering, engine.findSequence(altering, "public", "s").orElseThrow(),
                withIncrement(S, 2), null, true);
        fails(SqlState.LOCK_NOT_AVAILABLE, () -> engine.nextValue(other, seen));
        altering.commit();
        other.commit();
        assertEquals(1, next("s"));
        assertEquals(3, next("s"));
    }

    @Test
    void committedAlterationsSurviveACrashAndPendingOnesDoNot() {
        create(S);
        long last = 0;
        for (int i = 0; i < 40; i++) {
            last = next("s");
        }
        alter(withIncrement(S, 5).withName("public", "t"), null, true, true);
        assertEquals(45, next("t"));
        Transaction renamed = begin();
        engine.alterSequence(renamed, engine.findSequence(renamed, "public", "t").orElseThrow(),
                withIncrement(S, 5), 1L, true);
        renamed.commit();
        assertEquals(1, next("s"));
        assertEquals(6, next("s"));
        last = 6;
        for (boolean crash : new boolean[] {true, false}) {
            if (crash) {
                Transaction pending = begin();
                engine.alterSequence(pending, engine.findSequence(pending, "public", "s").orElseThrow(),
                        S.withName("public", "gone"), 500_000L, true);
                engine.nextValue(pending, engine.findSequence(pending, "public", "gone").orElseThrow());
            }
            engine = restart(crash);
            Assumptions.assumeTrue(engine != null, "the engine keeps nothing");
            assertTrue(find("gone") == null);
            assertEquals(withIncrement(S, 5), find("s").definition());
            long value = next("s");
            assertTrue(value > last && value < 500_000, value + " after " + last);
            last = value;
        }
    }
}
