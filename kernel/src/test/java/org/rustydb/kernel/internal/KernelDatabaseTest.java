package org.rustydb.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.Session;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.api.TransactionStatus;
import org.rustydb.spi.exec.QueryEngine;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.VacuumResult;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;

class KernelDatabaseTest {

    /** The kernel only passes these through, so a do-nothing engine is enough to count as present. */
    private static final class AbsentStorage implements StorageEngine {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public TableHandle createTable(Transaction txn, TableDefinition definition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<TableHandle> findTable(Transaction txn, String schema, String name) {
            return Optional.empty();
        }

        @Override
        public List<TableHandle> listTables(Transaction txn) {
            return List.of();
        }

        @Override
        public void dropTable(Transaction txn, TableHandle table) {
        }

        @Override
        public void alterConstraints(Transaction txn, TableHandle table, List<CheckConstraint> checks,
                                     List<ForeignKey> foreignKeys) {
        }

        @Override
        public void alterTable(Transaction txn, TableHandle table, TableDefinition definition,
                               List<Integer> columnSources) {
        }

        @Override
        public void convertColumns(Transaction txn, TableHandle table, TableDefinition definition,
                                   java.util.Set<Integer> converted,
                                   java.util.function.UnaryOperator<Object[]> conversion) {
        }

        @Override
        public org.rustydb.spi.storage.SequenceHandle createSequence(Transaction txn,
                org.rustydb.spi.storage.SequenceDefinition definition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<org.rustydb.spi.storage.SequenceHandle> findSequence(Transaction txn, String schema,
                                                                             String name) {
            return Optional.empty();
        }

        @Override
        public List<org.rustydb.spi.storage.SequenceHandle> listSequences(Transaction txn) {
            return List.of();
        }

        @Override
        public void dropSequence(Transaction txn, org.rustydb.spi.storage.SequenceHandle sequence) {
        }

        @Override
        public void alterSequence(Transaction txn, org.rustydb.spi.storage.SequenceHandle sequence,
                                  org.rustydb.spi.storage.SequenceDefinition definition, Long restart,
                                  boolean newGenerator) {
        }

        @Override
        public org.rustydb.spi.storage.ViewHandle createView(Transaction txn,
                                                             org.rustydb.spi.storage.ViewDefinition definition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<org.rustydb.spi.storage.ViewHandle> findView(Transaction txn, String schema, String name) {
            return Optional.empty();
        }

        @Override
        public List<org.rustydb.spi.storage.ViewHandle> listViews(Transaction txn) {
            return List.of();
        }

        @Override
        public void dropView(Transaction txn, org.rustydb.spi.storage.ViewHandle view) {
        }

        @Override
        public void createSchema(Transaction txn, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void dropSchema(Transaction txn, String name) {
        }

        @Override
        public void renameSchema(Transaction txn, String from, String to) {
        }

        @Override
        public boolean schemaExists(Transaction txn, String name) {
            return false;
        }

        @Override
        public List<String> listSchemas(Transaction txn) {
            return List.of();
        }

        @Override
        public long nextValue(Transaction txn, org.rustydb.spi.storage.SequenceHandle sequence) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setValue(Transaction txn, org.rustydb.spi.storage.SequenceHandle sequence, long value,
                             boolean called) {
        }

        @Override
        public RowId insert(Transaction txn, TableHandle table, Object[] values) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<RowId> insertAll(Transaction txn, TableHandle table, List<Object[]> rows,
                                     java.util.function.IntConsumer failedRow) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(Transaction txn, TableHandle table, RowId row, Object[] values) {
        }

        @Override
        public void delete(Transaction txn, TableHandle table, RowId row) {
        }

        @Override
        public void update(Transaction txn, TableHandle table, RowId row, Object[] expected, Object[] values) {
        }

        @Override
        public void delete(Transaction txn, TableHandle table, RowId row, Object[] expected) {
        }

        @Override
        public RowCursor scan(Transaction txn, TableHandle table) {
            throw new UnsupportedOperationException();
        }

        @Override
        public IndexHandle createIndex(Transaction txn, TableHandle table, IndexDefinition definition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void dropIndex(Transaction txn, IndexHandle index) {
        }

        @Override
        public Optional<IndexHandle> findIndex(Transaction txn, String schema, String name) {
            return Optional.empty();
        }

        @Override
        public List<IndexHandle> indexes(Transaction txn, TableHandle table) {
            return List.of();
        }

        @Override
        public RowCursor scanIndex(Transaction txn, IndexHandle index, KeyRange range, boolean descending) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.rustydb.spi.storage.IndexOnlyCursor scanIndexOnly(Transaction txn, IndexHandle index,
                                                                     KeyRange range, boolean descending) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean lockRow(Transaction txn, TableHandle table, RowId row, Object[] expected,
                               org.rustydb.spi.storage.RowLockStrength strength,
                               org.rustydb.spi.txn.WaitPolicy policy) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<org.rustydb.spi.storage.RowVersion> latestVersion(Transaction txn,
                TableHandle table, RowId row) {
            throw new UnsupportedOperationException();
        }

        @Override
        public VacuumResult vacuum(TableHandle table) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void saveStatistics(Transaction txn, TableHandle table,
                                   org.rustydb.spi.storage.TableStatistics statistics) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<org.rustydb.spi.storage.TableStatistics> statistics(TableHandle table) {
            throw new UnsupportedOperationException();
        }
    }

    private static final TransactionManager NO_TRANSACTIONS = new TransactionManager() {
        @Override
        public Transaction begin(IsolationLevel isolationLevel, boolean readOnly) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int activeCount() {
            return 0;
        }
    };

    private final List<String> executed = new ArrayList<>();
    private final QueryEngine recordingEngine = (TextQueryEngine) (session, sql, sink) -> executed.add(session.user() + ":" + sql);

    @Test
    void missingServicesAreNamedWith57P03() {
        KernelDatabase db = new KernelDatabase("rustydb");
        try (Session session = db.openSession("ann", Map.of())) {
            DbException e = assertThrows(DbException.class, () -> session.execute("select 1", r -> { }));
            assertEquals(SqlState.CANNOT_CONNECT_NOW, e.sqlState());
            assertTrue(e.getMessage().contains("storage engine"), e.getMessage());
            assertTrue(e.getMessage().contains("transaction manager"), e.getMessage());
            assertTrue(e.getMessage().contains("query engine"), e.getMessage());
        }
        assertFalse(db.status().available());
        assertEquals(List.of("storage engine", "transaction manager", "query engine"), db.status().missingServices());
    }

    @Test
    void sessionResumesWhenServiceReturns() {
        KernelDatabase db = new KernelDatabase("rustydb");
        AbsentStorage storage = new AbsentStorage();
        db.bindStorage(storage);
        db.bindTransactionManager(NO_TRANSACTIONS);
        db.bindQueryEngine(recordingEngine);
        try (Session session = db.openSession("ann", Map.of())) {
            session.execute("select 1", r -> { });
            db.unbindStorage(storage);
            DbException e = assertThrows(DbException.class, () -> session.execute("select 2", r -> { }));
            assertEquals(SqlState.CANNOT_CONNECT_NOW, e.sqlState());
            assertEquals("the database system is not available: missing storage engine", e.getMessage());
            db.bindStorage(new AbsentStorage());
            session.execute("select 3", r -> { });
        }
        assertEquals(List.of("ann:select 1", "ann:select 3"), executed);
        assertTrue(db.status().available());
    }

    @Test
    void greedyRebindKeepsNewestUntilItLeaves() {
        KernelDatabase db = new KernelDatabase("rustydb");
        AbsentStorage first = new AbsentStorage();
        AbsentStorage second = new AbsentStorage();
        db.bindStorage(first);
        db.bindStorage(second);
        db.unbindStorage(first);
        assertFalse(db.status().missingServices().contains("storage engine"));
        db.unbindStorage(second);
        assertTrue(db.status().missingServices().contains("storage engine"));
    }

    @Test
    void unknownDatabaseIs3D000AndSessionsAreCounted() {
        KernelDatabase db = new KernelDatabase("rustydb");
        assertEquals(SqlState.INVALID_CATALOG_NAME, assertThrows(DbException.class,
                () -> db.openSession("ann", Map.of("database", "other"))).sqlState());
        Session s = db.openSession("ann", Map.of("database", "rustydb"));
        assertEquals(1, db.status().openSessions());
        assertEquals(TransactionStatus.IDLE, s.transactionStatus());
        s.close();
        s.close();
        assertEquals(0, db.status().openSessions());
    }

    @Test
    void theSettingsTokenChangesWithEveryWriteAndEngineOnly() {
        KernelDatabase db = new KernelDatabase("rustydb");
        db.bindStorage(new AbsentStorage());
        db.bindTransactionManager(NO_TRANSACTIONS);
        QueryEngine setting = (TextQueryEngine) (session, sql, sink) -> session.setSetting("timezone", sql);
        db.bindQueryEngine(setting);
        try (Session session = db.openSession("ann", Map.of())) {
            String token = session.setting(KernelSession.SETTINGS_TOKEN);
            assertEquals(token, session.setting(KernelSession.SETTINGS_TOKEN), "nothing written, nothing changed");
            session.execute("UTC", r -> { });
            String written = session.setting(KernelSession.SETTINGS_TOKEN);
            assertNotEquals(token, written);
            session.execute("UTC", r -> { }); // the same value again still counts: the token tells no values
            assertNotEquals(written, session.setting(KernelSession.SETTINGS_TOKEN));
            written = session.setting(KernelSession.SETTINGS_TOKEN);
            QueryEngine other = (TextQueryEngine) (s, sql, sink) -> { };
            db.bindQueryEngine(other);
            assertNotEquals(written, session.setting(KernelSession.SETTINGS_TOKEN), "another engine may show other values");
            db.unbindQueryEngine(other);
            db.unbindQueryEngine(setting);
            assertNull(session.setting(KernelSession.SETTINGS_TOKEN), "no engine, no settings");
        }
    }

    @Test
    void unexpectedExceptionBecomesInternalError() {
        KernelDatabase db = new KernelDatabase("rustydb");
        db.bindStorage(new AbsentStorage());
        db.bindTransactionManager(NO_TRANSACTIONS);
        db.bindQueryEngine((TextQueryEngine) (session, sql, sink) -> {
            throw new IllegalStateException("boom");
        });
        try (Session session = db.openSession("ann", Map.of())) {
            DbException e = assertThrows(DbException.class, () -> session.execute("x", r -> { }));
            assertEquals(SqlState.INTERNAL_ERROR, e.sqlState());
        }
    }

    @Test
    void sinkFailurePassesThroughUnwrapped() {
        KernelDatabase db = new KernelDatabase("rustydb");
        db.bindStorage(new AbsentStorage());
        db.bindTransactionManager(NO_TRANSACTIONS);
        db.bindQueryEngine((TextQueryEngine) (session, sql, sink) -> sink.accept(null));
        IllegalStateException gone = new IllegalStateException("client went away");
        try (Session session = db.openSession("ann", Map.of())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.execute("x", r -> {
                throw gone;
            }));
            assertEquals(gone, e);
        }
    }

    @Test
    void settingsAreKeptPerSession() {
        KernelDatabase db = new KernelDatabase("rustydb");
        db.bindStorage(new AbsentStorage());
        db.bindTransactionManager(NO_TRANSACTIONS);
        db.bindQueryEngine((TextQueryEngine) (session, sql, sink) -> {
            if (sql.startsWith("set")) {
                session.setSetting("application_name", sql.substring(4));
            } else if (sql.equals("reset")) {
                session.setSetting("application_name", null);
            } else {
                executed.add(String.valueOf(session.setting("application_name")));
            }
        });
        try (Session a = db.openSession("ann", Map.of()); Session b = db.openSession("bob", Map.of())) {
            a.execute("set psql", r -> { });
            a.execute("show", r -> { });
            b.execute("show", r -> { });
            a.execute("reset", r -> { });
            a.execute("show", r -> { });
        }
        assertEquals(List.of("psql", "null", "null"), executed);
    }

    @Test
    void theCurrentAndTheSessionUserFollowTheirSettings() {
        KernelDatabase db = new KernelDatabase("rustydb");
        db.bindStorage(new AbsentStorage());
        db.bindTransactionManager(NO_TRANSACTIONS);
        db.bindQueryEngine((TextQueryEngine) (session, sql, sink) -> {
            if (sql.startsWith("role ")) {
                session.setSetting(SessionContext.ROLE_SETTING, sql.equals("role none") ? null : sql.substring(5));
            } else if (sql.startsWith("auth ")) {
                session.setSetting(SessionContext.SESSION_AUTHORIZATION_SETTING, sql.substring(5));
            } else {
                executed.add(session.user() + "/" + session.sessionUser() + "/" + session.authenticatedUser());
            }
        });
        try (Session s = db.openSession("ann", Map.of())) {
            s.execute("who", r -> { });
            s.execute("role readers", r -> { });
            s.execute("who", r -> { });
            s.execute("auth bob", r -> { });
            s.execute("who", r -> { });
            s.execute("role none", r -> { });
            s.execute("who", r -> { });
            assertEquals("ann", s.user(), "the session's own user stays the one that logged in");
        }
        assertEquals(List.of("ann/ann/ann", "readers/ann/ann", "readers/bob/ann", "bob/bob/ann"), executed);
    }

    @Test
    void functionsComeAndGo() {
        KernelDatabase db = new KernelDatabase("rustydb");
        SqlFunction f = new SqlFunction() {
            @Override
            public String name() {
                return "Twice";
            }

            @Override
            public List<SqlType> parameterTypes() {
                return List.of(SqlType.INTEGER);
            }

            @Override
            public SqlType returnType() {
                return SqlType.INTEGER;
            }

            @Override
            public Object invoke(Object[] arguments) {
                return (Integer) arguments[0] * 2;
            }
        };
        db.extensions().addFunction(f);
        assertEquals(List.of(f), db.extensions().functions("twice"));
        db.extensions().removeFunction(f);
        assertTrue(db.extensions().functions("twice").isEmpty());
    }
}
