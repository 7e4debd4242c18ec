package org.rustydb.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The distribution's bundle/ folder running in a Felix framework inside the test JVM, configured
 * from the distribution's conf/ and etc/ but with its own storage, etc/, deploy/ and port.
 */
final class EmbeddedRustyDb implements AutoCloseable {
    private static final Set<String> OWN_CONFIGURATIONS =
            Set.of("org.rustydb.network.cfg", "org.rustydb.storage.paged.cfg");

    private final Path root;
    private final int port;
    private final Framework framework;
    private final List<String> frameworkErrors = Collections.synchronizedList(new ArrayList<>());

    private EmbeddedRustyDb(Path root, int port, Framework framework) {
        this.root = root;
        this.port = port;
        this.framework = framework;
    }

    /** Boots the distribution's bundles the way Felix main's auto-deploy does, under {@code root}. */
    static EmbeddedRustyDb start(Path root) throws IOException, BundleException {
        Path home = Distribution.home();
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("deploy"));
        Path data = Files.createDirectories(root.resolve("data"));
        int port = Distribution.freePort();

        // the distribution's configurations, except the front end's, which gets this test's port,
        // and the storage engine's, which gets this test's data directory
        try (Stream<Path> files = Files.list(home.resolve("etc"))) {
            for (Path cfg : files.filter(p -> p.toString().endsWith(".cfg")).toList()) {
                if (!OWN_CONFIGURATIONS.contains(cfg.getFileName().toString())) {
                    Files.copy(cfg, etc.resolve(cfg.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(etc.resolve("org.rustydb.network.cfg"),
                "host=127.0.0.1\nport=" + port + "\nrequireAuthentication=true\n");
        Files.writeString(etc.resolve("org.rustydb.storage.paged.cfg"),
                "dataDirectory=" + storeDir(root) + "\nfsync=true\nbufferPoolMegabytes=32\n");

        Map<String, String> config = frameworkConfig(home, root, data);
        config.put("rustydb.port", Integer.toString(port));
        // no console: Gogo must not read the test JVM's stdin
        config.put("gosh.args", "--nointeractive");
        config.put("gosh.home", home.toString());

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        Framework framework = factory.newFramework(config);
        framework.init();
        EmbeddedRustyDb db = new EmbeddedRustyDb(root, port, framework);
        BundleContext context = framework.getBundleContext();
        context.addFrameworkListener(event -> {
            if (event.getType() == FrameworkEvent.ERROR) {
                db.frameworkErrors.add(event.getBundle().getSymbolicName() + ": " + event.getThrowable());
            }
        });
        // install everything, then mark non-fragments for start: they start with the framework
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : Distribution.bundleJars()) {
            installed.add(context.installBundle(jar.toUri().toString()));
        }
        for (Bundle bundle : installed) {
            if (!isFragment(bundle)) {
                bundle.start();
            }
        }
        framework.start();
        return db;
    }

    /** conf/config.properties with the launcher's system properties substituted for this root. */
    private static Map<String, String> frameworkConfig(Path home, Path root, Path data) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("conf/config.properties"))) {
            properties.load(in);
        }
        Map<String, String> config = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("felix.auto.")) {
                continue; // Felix main's auto-deploy; the bundles are installed above instead
            }
            String value = properties.getProperty(key)
                    .replace("${rustydb.home}", root.toString())
                    .replace("${rustydb.data.dir}", data.toString());
            config.put(key, value);
        }
        config.put("rustydb.home", root.toString());
        config.put("rustydb.data.dir", data.toString());
        return config;
    }

    static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get("Fragment-Host") != null;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    int port() {
        return port;
    }

    /** The storage engine's data directory, as the distribution's {@code ${rustydb.data.dir}/db}. */
    static Path storeDir(Path root) {
        return root.resolve("data").resolve("db");
    }

    Path storeDir() {
        return storeDir(root);
    }

    Path deployDir() {
        return root.resolve("deploy");
    }

    /** Errors the framework reported, e.g. bundles that failed to resolve or start. */
    List<String> frameworkErrors() {
        return List.copyOf(frameworkErrors);
    }

    Bundle bundle(String symbolicName) {
        for (Bundle bundle : context().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " installed");
    }

    /** Waits until the PostgreSQL front end accepts connections. */
    void awaitPort(Duration timeout) throws InterruptedException {
        Poll.until(timeout, "the PostgreSQL front end on port " + port + " (framework errors: "
                + frameworkErrors + ")", () -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                        return true;
                    }
                });
    }

    @Override
    public void close() throws BundleException {
        framework.stop();
        try {
            FrameworkEvent event = framework.waitForStop(Duration.ofSeconds(30).toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                throw new AssertionError("the framework did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
