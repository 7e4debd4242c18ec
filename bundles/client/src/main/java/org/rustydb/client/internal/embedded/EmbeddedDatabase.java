package org.rustydb.client.internal.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.rustydb.api.Database;
import org.rustydb.api.DatabaseStatus;

/**
 * One embedded database: a private Felix framework running the server's bundles (kernel, storage,
 * transactions, SQL engine, security; no network front end, shell or file watcher), carried inside
 * the driver's jar and installed from streams. The system bundle exports {@code org.rustydb.api}
 * (and slf4j) from the application's class path, so the driver and the bundles share the
 * {@link Database} and {@code Session} classes. Configuration goes straight to ConfigAdmin.
 */
final class EmbeddedDatabase {
    static final String BUNDLES = "META-INF/rustydb/bundles/";
    static final String BUNDLE_LIST = "META-INF/rustydb/bundles.list";
    /** The PostgreSQL front end's bundles, installed when a connection asks for a port. */
    static final String NETWORK_LIST = "META-INF/rustydb/network.list";
    private static final String FRONT_END = "org.rustydb.spi.frontend.ProtocolFrontEnd";
    private static final long START_TIMEOUT_MS = 60_000;
    private static final String ROLE_CATALOG = "org.rustydb.spi.security.RoleCatalog";

    private final Framework framework;
    private final Path work;
    private final Database database;

    private EmbeddedDatabase(Framework framework, Path work, Database database) {
        this.framework = framework;
        this.work = work;
        this.database = database;
    }

    Database database() {
        return database;
    }

    static EmbeddedDatabase start(DatabaseUrl url) throws SQLException {
        long t0 = System.nanoTime();
        List<String> bundles = new ArrayList<>(bundleNames(BUNDLE_LIST));
        if (url.port() > 0) {
            bundles.addAll(bundleNames(NETWORK_LIST));
        }
        // the first database of the JVM extracts the bundle jars while the framework initializes
        CompletableFuture<List<Path>> jars = CompletableFuture.supplyAsync(() -> {
            try {
                return extracted(bundles);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Path work;
        try {
            work = Files.createTempDirectory(TEMP_PREFIX + "embedded-" + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new SQLException("could not create a temporary directory: " + e.getMessage(), "58030", e);
        }
        Path dataDir = url.memory() ? work.resolve("db") : url.directory();
        Framework framework = null;
        try {
            if (!url.memory()) {
                checkNotInUse(dataDir);
            }
            FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, EmbeddedDatabase.class.getClassLoader())
                    .findFirst().orElseThrow(() -> new SQLException("no OSGi framework on the class path", "08001"));
            framework = factory.newFramework(frameworkConfig(url, work));
            framework.init();
            BundleContext context = framework.getBundleContext();
            List<String> errors = Collections.synchronizedList(new ArrayList<>());
            context.addFrameworkListener(event -> {
                if (event.getType() == FrameworkEvent.ERROR) {
                    errors.add(event.getBundle().getSymbolicName() + ": " + event.getThrowable());
                }
            });
            trace("init", t0);
            framework.start();
            trace("started", t0);
            installAndStart(context, jars.join(), t0);
            configure(context, url, dataDir, work);
            trace("configured", t0);
            Database database = awaitDatabase(context, errors, url.port() > 0);
            trace("available", t0);
            return new EmbeddedDatabase(framework, work, database);
        } catch (SQLException e) {
            stop(framework, work);
            throw e;
        } catch (IOException | BundleException | RuntimeException e) {
            stop(framework, work);
            Throwable cause = e instanceof CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            throw new SQLException("could not start the embedded database: " + cause, "08001", cause);
        }
    }

    private static Map<String, String> frameworkConfig(DatabaseUrl url, Path work) throws IOException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, work.resolve("felix-cache").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SystemPackages.extra());
        config.put("felix.log.level", "1");
        // DS would print failures to stdout: the driver reports them as SQLExceptions instead
        config.put("ds.log.enabled", "false");
        if (url.password() != null && !url.password().isEmpty()) {
            config.put("rustydb.password", url.password());
        } else if (url.memory()) {
            // nobody can log in to a memory database from outside: no password worth printing
            config.put("rustydb.password", UUID.randomUUID().toString());
        }
        return config;
    }

    /** Installs the bundles and starts all but fragments, as Felix main's auto-deploy does. */
    private static void installAndStart(BundleContext context, List<Path> jars, long t0) throws BundleException {
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            // by reference: the framework reads the jar where it is instead of copying it
            installed.add(context.installBundle("reference:" + jar.toUri()));
        }
        trace("installed", t0);
        for (Bundle bundle : installed) {
            if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                long b0 = System.nanoTime();
                bundle.start();
                trace("started " + bundle.getSymbolicName() + " in " + (System.nanoTime() - b0) / 1_000_000
                        + " ms,", t0);
            }
        }
    }

    /** The engine's lock file says whether another process (or engine) has the directory. */
    private static void checkNotInUse(Path dir) throws SQLException, IOException {
        Path lockFile = dir.resolve("lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new SQLException("database directory \"" + dir + "\" is in use by another process", "55P03");
            }
            lock.release();
        }
    }

    private static void configure(BundleContext context, DatabaseUrl url, Path dataDir, Path work)
            throws SQLException {
        Dictionary<String, Object> storage = new Hashtable<>();
        storage.put("dataDirectory", dataDir.toString());
        storage.put("fsync", Boolean.toString(url.fsync()));
        storage.put("bufferPoolMegabytes", Integer.toString(url.bufferPoolMegabytes()));
        Dictionary<String, Object> security = new Hashtable<>();
        // nobody logs in over a network here; a file that does not exist means no host rules
        security.put("hbaFile", work.resolve("no_hba.conf").toString());
        ConfigAdmin admin = ConfigAdmin.await(context, deadline());
        admin.update("org.rustydb.security", security);
        admin.update("org.rustydb.storage.paged", storage);
        if (url.port() > 0) {
            // logins over the wire check passwords (the host rules' defaults: this machine only)
            Dictionary<String, Object> network = new Hashtable<>();
            network.put("host", "127.0.0.1");
            network.put("port", Integer.toString(url.port()));
            network.put("requireAuthentication", "true");
            network.put("ssl", "false");
            admin.update("org.rustydb.network", network);
        }
    }

    private static long deadline() {
        return System.currentTimeMillis() + START_TIMEOUT_MS;
    }

    /** The kernel's Database once every required service is bound and the roles are ready. */
    private static Database awaitDatabase(BundleContext context, List<String> errors, boolean listening)
            throws SQLException {
        long deadline = deadline();
        Database database = null;
        for (int round = 0; ; round++) {
            if (database == null) {
                ServiceReference<Database> ref = context.getServiceReference(Database.class);
                database = ref == null ? null : context.getService(ref);
            }
            if (database != null && database.status().available()
                    && context.getServiceReference(ROLE_CATALOG) != null
                    && (!listening || context.getServiceReference(FRONT_END) != null)) {
                return database;
            }
            if (round % 25 == 0) {
                ComponentFailures.check(context);
            }
            if (System.currentTimeMillis() > deadline) {
                DatabaseStatus status = database == null ? null : database.status();
                throw new SQLException("the embedded database did not start within " + START_TIMEOUT_MS / 1000
                        + " s: " + (status == null ? "no database service" : "missing " + status.missingServices())
                        + (errors.isEmpty() ? "" : "; " + errors), "08001");
            }
            sleep();
        }
    }

    private static void trace(String what, long t0) {
        if (Boolean.getBoolean("rustydb.embedded.trace")) {
            System.err.println("rustydb embedded: " + what + " after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }

    static void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> bundleNames(String list) throws SQLException {
        try (InputStream in = EmbeddedDatabase.class.getClassLoader().getResourceAsStream(list)) {
            if (in == null) {
                throw new SQLException("the embedded database bundles are not on the class path (" + list
                        + "): use the rustydb-embedded jar", "08001");
            }
            List<String> names = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        names.add(line.trim());
                    }
                }
            }
            return names;
        } catch (IOException e) {
            throw new SQLException("could not read " + list + ": " + e.getMessage(), "08001", e);
        }
    }

    private static Path extracted;

    /**
     * The bundle jars, taken out of the driver's jar once per JVM into a temporary directory that
     * every embedded framework installs them from (removed at JVM exit).
     */
    private static synchronized List<Path> extracted(List<String> names) throws IOException {
        if (extracted == null) {
            sweepStale();
            extracted = Files.createTempDirectory(TEMP_PREFIX + "bundles-" + ProcessHandle.current().pid() + "-");
        }
        List<Path> jars = new ArrayList<>();
        for (String name : names) {
            Path jar = extracted.resolve(name);
            if (!Files.exists(jar)) {
                try (InputStream in = resource(BUNDLES + name)) {
                    Files.copy(in, jar);
                }
            }
            jars.add(jar);
        }
        return jars;
    }

    private static final String TEMP_PREFIX = "rustydb-";
    private static final Pattern TEMP_NAME = Pattern.compile("rustydb-(?:embedded|bundles)-(\\d+)-\\d+");

    /**
     * Removes what JVMs killed before their shutdown hook ran left in the temporary directory (their
     * bundle jars, bundle caches and memory databases): directories named after a process that is
     * gone.
     */
    private static void sweepStale() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path dir : dirs.toList()) {
                Matcher m = TEMP_NAME.matcher(dir.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    delete(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover only takes space
        }
    }

    /** Removes the extracted bundle jars; called at JVM exit, once every framework has stopped. */
    static synchronized void deleteExtracted() {
        if (extracted != null) {
            delete(extracted);
            extracted = null;
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = EmbeddedDatabase.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing " + name);
        }
        return in;
    }

    /** Stops the framework (the storage engine checkpoints and closes its files) and removes the work files. */
    void stop() {
        stop(framework, work);
    }

    private static void stop(Framework framework, Path work) {
        if (framework != null) {
            try {
                framework.stop();
                framework.waitForStop(60_000);
            } catch (BundleException e) {
                // already stopping
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // the bundle cache, and a memory database's files with it (a file database lives elsewhere)
        delete(work);
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }
}
