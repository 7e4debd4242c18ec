package org.rustydb.kernel.internal;

import org.rustydb.spi.exec.PreparedQuery;
import org.rustydb.api.SqlType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.api.SqlState;
import org.rustydb.api.TransactionStatus;
import org.rustydb.spi.exec.QueryEngine;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.session.SessionInfo;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;

class KernelSessionRegistryTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final KernelDatabase db = new KernelDatabase("rustydb");
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch prepared = new CountDownLatch(1);

    /** Statements: "loop" checks for cancel until stopped, "begin" opens a block, "show" reads a setting. */
    private final QueryEngine engine = new TextQueryEngine() {
        @Override
        public void execute(SessionContext session, String sql, ResultSink sink) {
            switch (sql) {
                case "loop" -> {
                    running.countDown();
                    while (true) {
                        session.checkCancelled();
                        Thread.onSpinWait();
                    }
                }
                case "begin" -> session.setTransactionState(endedTransaction(), TransactionStatus.IN_TRANSACTION);
                case "fail" -> session.setTransactionState(session.openTransaction(), TransactionStatus.FAILED);
                case "set" -> session.setSetting("application_name", "changed");
                default -> { }
            }
        }

        /** Preparing "slow" waits for {@code prepared} to be counted down, as a long Parse would. */
        @Override
        public PreparedQuery prepare(SessionContext session, String sql, List<SqlType> parameterTypes) {
            running.countDown();
            try {
                assertTrue(prepared.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new PreparedQuery() {
                @Override
                public List<SqlType> parameterTypes() {
                    return List.of();
                }

                @Override
                public List<org.rustydb.api.Column> columns() {
                    return List.of();
                }
            };
        }

        @Override
        public String setting(SessionContext session, String name) {
            String set = session.setting(name);
            return set != null ? set : session.parameters().getOrDefault(name, "");
        }
    };

    KernelSessionRegistryTest() {
        db.bindStorage(stub(StorageEngine.class));
        db.bindTransactionManager(stub(TransactionManager.class));
        db.bindQueryEngine(engine);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new UnsupportedOperationException(method.getName());
        });
    }

    /** A transaction that closing the session need not roll back. */
    private static Transaction endedTransaction() {
        return (Transaction) Proxy.newProxyInstance(Transaction.class.getClassLoader(),
                new Class<?>[] {Transaction.class}, (proxy, method, args) -> {
                    if (method.getName().equals("state")) {
                        return Transaction.State.ROLLED_BACK;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void listsSessionsWithWhatTheyDo() {
        try (Session a = db.openSession("ann", Map.of("application_name", "psql"));
             Session b = db.openSession("bob", Map.of())) {
            assertTrue(db.attachConnection(a.id(), "127.0.0.1:5000", () -> { }));
            List<SessionInfo> list = db.sessions();
            assertEquals(List.of(a.id(), b.id()), list.stream().map(SessionInfo::id).toList());
            SessionInfo ann = list.get(0);
            assertEquals("ann", ann.user());
            assertEquals("rustydb", ann.database());
            assertEquals("127.0.0.1:5000", ann.clientAddress());
            assertEquals("psql", ann.applicationName());
            assertEquals(SessionInfo.State.IDLE, ann.state());
            assertEquals("", ann.query());
            assertNull(ann.queryStart());
            assertNull(list.get(1).clientAddress());

            a.execute("set", r -> { });
            a.execute("begin", r -> { });
            SessionInfo inBlock = db.session(a.id()).orElseThrow();
            assertEquals("changed", inBlock.applicationName());
            assertEquals(SessionInfo.State.IDLE_IN_TRANSACTION, inBlock.state());
            assertEquals("begin", inBlock.query());
            assertNotNull(inBlock.queryStart());
            a.execute("fail", r -> { });
            assertEquals(SessionInfo.State.IDLE_IN_TRANSACTION_ABORTED, db.session(a.id()).orElseThrow().state());
            assertEquals("changed", a.setting("application_name"));
        }
        assertEquals(List.of(), db.sessions());
    }

    @Test
    void settingIsNullWithoutQueryEngine() {
        try (Session a = db.openSession("ann", Map.of("application_name", "psql"))) {
            assertEquals("psql", a.setting("application_name"));
            db.unbindQueryEngine(engine);
            assertNull(a.setting("application_name"));
            assertEquals("psql", db.session(a.id()).orElseThrow().applicationName(), "the startup value");
        }
    }

    @Test
    void aCancelWhileAStatementIsPreparedFailsThePrepareInsteadOfBeingLost() throws Exception {
        try (Session a = db.openSession("ann", Map.of())) {
            Future<DbException> prepare = executor.submit(() -> assertThrows(DbException.class,
                    () -> a.prepare("slow", List.of())));
            assertTrue(running.await(10, TimeUnit.SECONDS));
            assertTrue(db.cancel(a.id()));
            prepared.countDown();
            assertEquals(SqlState.QUERY_CANCELED, prepare.get(10, TimeUnit.SECONDS).sqlState());
            a.execute("show", r -> { }); // nothing left over for the next statement
        }
    }

    @Test
    void cancelStopsTheRunningStatementOnly() throws Exception {
        try (Session a = db.openSession("ann", Map.of())) {
            Future<DbException> run = executor.submit(() -> assertThrows(DbException.class,
                    () -> a.execute("loop", r -> { })));
            assertTrue(running.await(10, TimeUnit.SECONDS));
            assertEquals(SessionInfo.State.ACTIVE, db.session(a.id()).orElseThrow().state());
            assertTrue(db.cancel(a.id()));
            DbException e = run.get(10, TimeUnit.SECONDS);
            assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
            assertEquals("canceling statement due to user request", e.getMessage());
            a.execute("show", r -> { }); // the session goes on
            assertEquals(SessionInfo.State.IDLE, db.session(a.id()).orElseThrow().state());
        }
    }

    @Test
    void terminateEndsARunningStatementWithFatalAndDisconnectsOnce() throws Exception {
        AtomicInteger disconnects = new AtomicInteger();
        try (Session a = db.openSession("ann", Map.of())) {
            db.attachConnection(a.id(), "client", disconnects::incrementAndGet);
            Future<DbException> run = executor.submit(() -> assertThrows(DbException.class,
                    () -> a.execute("loop", r -> { })));
            assertTrue(running.await(10, TimeUnit.SECONDS));
            assertTrue(db.terminate(a.id()));
            DbException e = run.get(10, TimeUnit.SECONDS);
            assertEquals(SqlState.ADMIN_SHUTDOWN, e.sqlState());
            assertEquals(DbException.Severity.FATAL, e.severity());
            assertEquals("terminating connection due to administrator command", e.getMessage());
            db.terminate(a.id());
            assertEquals(1, disconnects.get());
        }
    }

    @Test
    void anIdleSessionWithoutConnectionEndsAtItsNextStatement() {
        Session a = db.openSession("ann", Map.of());
        a.execute("begin", r -> { });
        assertTrue(db.terminate(a.id()));
        DbException e = assertThrows(DbException.class, () -> a.execute("show", r -> { }));
        assertEquals(SqlState.ADMIN_SHUTDOWN, e.sqlState());
        assertEquals(DbException.Severity.FATAL, e.severity());
        assertTrue(db.session(a.id()).isEmpty(), "closed");
        assertEquals(TransactionStatus.IDLE, a.transactionStatus());
    }

    @Test
    void terminateBeforeAttachDisconnectsOnAttach() {
        AtomicInteger disconnects = new AtomicInteger();
        try (Session a = db.openSession("ann", Map.of())) {
            db.terminate(a.id());
            db.attachConnection(a.id(), "client", disconnects::incrementAndGet);
            assertEquals(1, disconnects.get());
        }
    }

    @Test
    void unknownSessionsAreReported() {
        assertFalse(db.cancel(424242));
        assertFalse(db.terminate(424242));
        assertFalse(db.attachConnection(424242, "x", () -> { }));
        assertTrue(db.session(424242).isEmpty());
    }
}
