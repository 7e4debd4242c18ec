package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.Bundle;

/**
 * The distribution's bundles in an embedded Felix: they all start, their components are satisfied,
 * SQL works over the wire, and feature bundles can be stopped, started and hot-deployed while
 * clients stay connected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OsgiRuntimeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Bundles that must contribute DS components to the standard distribution. */
    private static final List<String> COMPONENT_BUNDLES = List.of("org.rustydb.kernel", "org.rustydb.storage.paged",
            "org.rustydb.transaction", "org.rustydb.execution", "org.rustydb.network", "org.rustydb.operations",
            "org.rustydb.security", "org.rustydb.client");

    @TempDir
    static Path root;

    private EmbeddedRustyDb db;

    @BeforeAll
    void boot() throws Exception {
        db = EmbeddedRustyDb.start(root);
        db.awaitPort(TIMEOUT);
        Sql.awaitReady(db.port(), TIMEOUT);
    }

    @AfterAll
    void shutDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyBundleIsActiveAndEveryComponentSatisfied() throws Exception {
        List<String> notStarted = new ArrayList<>();
        for (Bundle bundle : db.context().getBundles()) {
            int expected = EmbeddedRustyDb.isFragment(bundle) ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                notStarted.add(bundle.getSymbolicName() + " in state " + bundle.getState());
            }
        }
        assertTrue(notStarted.isEmpty(), "bundles not started: " + notStarted + "; framework errors: "
                + db.frameworkErrors());

        // configurations arrive from etc/ asynchronously: give the components time to settle
        ComponentStates states = Poll.until(TIMEOUT, "every DS component to be satisfied or active", () -> {
            ComponentStates s = ComponentStates.read(db.context());
            return s.problems.isEmpty() ? s : null;
        });
        for (String bundle : COMPONENT_BUNDLES) {
            assertTrue(states.componentsByBundle.containsKey(bundle),
                    bundle + " has no DS components; components: " + states.componentsByBundle);
        }
    }

    @Test
    void sqlWorksOverTheWire() throws Exception {
        try (Connection connection = Sql.connect(db.port())) {
            Sql.execute(connection, "create table wire(a int, b text)");
            Sql.execute(connection, "insert into wire values (1, 'one'), (2, 'two')");
            assertEquals(List.of(List.of("1", "one"), List.of("2", "two")),
                    Sql.query(connection, "select a, b from wire order by a"));
        }
    }

    /** The contract other bundles rely on: a DataSource with rustydb.datasource=local over the server's Database. */
    @Test
    void localDataSourceRunsSessionsOfTheServersDatabase() throws Exception {
        var refs = db.context().getServiceReferences(javax.sql.DataSource.class, "(rustydb.datasource=local)");
        assertEquals(1, refs.size());
        javax.sql.DataSource dataSource = db.context().getService(refs.iterator().next());
        try (Connection local = dataSource.getConnection(); java.sql.Statement s = local.createStatement()) {
            s.execute("create table through_local(a int)");
            assertEquals(2, s.executeUpdate("insert into through_local values (1), (2)"));
            try (java.sql.ResultSet rs = s.executeQuery("select current_user")) {
                assertTrue(rs.next());
                assertEquals("rustydb", rs.getString(1));
            }
        } finally {
            db.context().ungetService(refs.iterator().next());
        }
        try (Connection wire = Sql.connect(db.port())) {
            assertEquals(List.of(List.of("2")), Sql.query(wire, "select count(*) from through_local"));
        }
    }

    @ParameterizedTest(name = "{0} provides the {1}")
    @CsvSource({"org.rustydb.storage.paged, storage engine", "org.rustydb.transaction, transaction manager",
            "org.rustydb.execution, query engine"})
    void stoppingARequiredServiceGives57P03UntilItIsBack(String symbolicName, String service) throws Exception {
        Bundle bundle = db.bundle(symbolicName);
        try (Connection connection = Sql.connect(db.port())) {
            assertEquals(List.of(List.of("1")), Sql.query(connection, "select 1"));

            bundle.stop();
            for (int attempt = 0; attempt < 2; attempt++) {
                // twice: the session survives the error and keeps reporting it
                SQLException error = assertThrows(SQLException.class, () -> Sql.query(connection, "select 1"));
                assertEquals("57P03", error.getSQLState(), "SQLSTATE of " + error);
                assertTrue(error.getMessage().contains(service), "message names the " + service + ": " + error);
                assertFalse(connection.isClosed());
            }

            bundle.start();
            // same connection, no reconnect: writes work again
            String table = "back_" + symbolicName.replace('.', '_');
            Poll.until(TIMEOUT, "statements to work again after starting " + symbolicName, () -> {
                Sql.execute(connection, "create table " + table + "(a int)");
                return true;
            });
            Sql.execute(connection, "insert into " + table + " values (42)");
            assertEquals(List.of(List.of("42")), Sql.query(connection, "select a from " + table));
        } finally {
            if (bundle.getState() != Bundle.ACTIVE) {
                bundle.start();
            }
        }
    }

    /**
     * With a data directory configured (etc/org.rustydb.storage.paged.cfg), committed tables and
     * rows outlive the storage engine: stopping and starting its bundle recovers them, and neither
     * a rolled-back row nor one of a transaction still open at the stop comes back.
     */
    @Test
    void committedTablesSurviveRestartingTheStorageBundle() throws Exception {
        Bundle bundle = db.bundle("org.rustydb.storage.paged");
        try (Connection connection = Sql.connect(db.port()); Connection open = Sql.connect(db.port())) {
            Sql.execute(connection, "create table kept(a int primary key, b text)");
            Sql.execute(connection, "insert into kept values (1, 'one'), (2, 'two'), (3, 'three')");
            Sql.execute(connection, "update kept set b = 'TWO' where a = 2");
            Sql.execute(connection, "delete from kept where a = 3");
            for (int i = 0; i < 2; i++) { // the second run reuses the plan, which holds the old engine's table
                assertEquals(List.of(List.of("one")), Sql.query(connection, "select b from kept where a = 1"));
            }
            Sql.execute(connection, "begin");
            Sql.execute(connection, "insert into kept values (4, 'rolled back')");
            Sql.execute(connection, "rollback");
            Sql.execute(connection, "create table gone(a int)");
            Sql.execute(connection, "drop table gone");
            Sql.execute(open, "begin");
            Sql.execute(open, "insert into kept values (5, 'never committed')");

            bundle.stop();
            bundle.start();
            // 57P03 while the engine recovers; any other error (42P01: the table is lost) fails at once
            List<List<String>> rows = Poll.until(TIMEOUT, "kept to be readable after restarting the storage bundle",
                    () -> {
                        try {
                            return Sql.query(connection, "select a, b from kept order by a");
                        } catch (SQLException e) {
                            if ("57P03".equals(e.getSQLState())) {
                                throw e;
                            }
                            throw new AssertionError("after restarting the storage bundle: " + e.getSQLState() + " "
                                    + e.getMessage(), e);
                        }
                    });
            assertEquals(List.of(List.of("1", "one"), List.of("2", "TWO")), rows);
            assertEquals(List.of(List.of("one")), Sql.query(connection, "select b from kept where a = 1"),
                    "a plan kept before the restart is checked in full against the new engine");
            SQLException dropped = assertThrows(SQLException.class, () -> Sql.query(connection, "select a from gone"));
            assertEquals("42P01", dropped.getSQLState(), "a dropped table stays dropped: " + dropped);
            Sql.execute(connection, "insert into kept values (6, 'six')");
            assertEquals(List.of(List.of("six")), Sql.query(connection, "select b from kept where a = 6"));
        } finally {
            if (bundle.getState() != Bundle.ACTIVE) {
                bundle.start();
            }
        }
        assertTrue(Files.isDirectory(db.storeDir()), "no data directory " + db.storeDir());
        try (Stream<Path> files = Files.list(db.storeDir())) {
            assertTrue(files.findAny().isPresent(), "the engine wrote nothing to " + db.storeDir());
        }
    }

    /**
     * Clients keep running statements while the engine's bundles are updated one after another:
     * every statement either works or fails at once with a clean SQLSTATE (57P03 while a service
     * is away, 57P01 or a connection error when the front end itself restarts), nothing hangs,
     * and afterwards the server answers as before.
     */
    @Test
    void updatingBundlesUnderLoadNeverHangsAClient() throws Exception {
        Set<String> cleanFailures = Set.of("57P03", "57P01", "42P01", "08006", "08001", "08003");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger succeeded = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                String table = "churn" + c;
                futures.add(clients.submit(() -> {
                    while (running.get()) {
                        try (Connection connection = Sql.connect(db.port())) {
                            while (running.get()) {
                                Sql.execute(connection, "create table if not exists " + table + "(a int)");
                                Sql.execute(connection, "insert into " + table + " values (1), (2)");
                                Sql.query(connection, "select a from " + table + " where a = 2 limit 1");
                                succeeded.incrementAndGet();
                            }
                        } catch (SQLException e) {
                            if (!cleanFailures.contains(e.getSQLState())) {
                                throw new AssertionError("unclean failure " + e.getSQLState() + ": " + e, e);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (String name : List.of("org.rustydb.storage.paged", "org.rustydb.transaction",
                    "org.rustydb.execution", "org.rustydb.network", "org.rustydb.kernel")) {
                int before = succeeded.get();
                Poll.until(TIMEOUT, "clients to make progress before updating " + name,
                        () -> succeeded.get() > before);
                db.bundle(name).update();
            }
            int before = succeeded.get();
            Poll.until(TIMEOUT, "clients to make progress after the updates", () -> succeeded.get() > before + 10);
            running.set(false);
            for (Future<?> f : futures) {
                f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS); // a hung client fails here
            }
        } finally {
            running.set(false);
            clients.shutdownNow();
        }
        Sql.awaitReady(db.port(), TIMEOUT);
    }

    @Test
    void pluginJarsAreHotDeployedAndUndeployed() throws Exception {
        Path plugin = Distribution.pluginJar("org.rustydb.example.functions");
        Path deployed = db.deployDir().resolve(plugin.getFileName());
        // copy under a name the watcher ignores, then rename: it never sees a half-written jar
        Path partial = db.deployDir().resolve(plugin.getFileName() + ".part");
        try (Connection connection = Sql.connect(db.port())) {
            Files.copy(plugin, partial);
            Files.move(partial, deployed, StandardCopyOption.ATOMIC_MOVE);
            List<List<String>> result = Poll.until(TIMEOUT, "example_reverse after deploying " + plugin.getFileName(),
                    () -> Sql.query(connection, "select example_reverse('abc')"));
            assertEquals(List.of(List.of("cba")), result);

            Files.delete(deployed);
            Poll.until(TIMEOUT, "example_reverse to fail with 42883 after deleting the jar", () -> {
                try {
                    Sql.query(connection, "select example_reverse('abc')");
                    return false;
                } catch (SQLException e) {
                    if (!"42883".equals(e.getSQLState())) {
                        throw e; // retried, and reported if it persists
                    }
                    return true;
                }
            });
        } finally {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(deployed);
        }
    }
}
