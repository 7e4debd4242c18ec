package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The assembled distribution under test (distribution/target/rustydb) and scratch space. */
final class Distribution {
    private Distribution() {
    }

    /**
     * The password of the superuser rustydb: the environment variable RUSTYDB_PASSWORD, which
     * failsafe sets for the tests and so for every server they start, which takes it as the first
     * password of a new database.
     */
    static String password() {
        String password = System.getenv("RUSTYDB_PASSWORD");
        if (password == null || password.isEmpty()) {
            fail("environment variable RUSTYDB_PASSWORD is not set (run the tests through Maven failsafe)");
        }
        return password;
    }

    /** The installation directory, from the system property set by failsafe. */
    static Path home() {
        String dir = System.getProperty("rustydb.dist.dir");
        if (dir == null) {
            fail("system property rustydb.dist.dir is not set (run the tests through Maven failsafe)");
        }
        Path home = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(home.resolve("bundle")) || !Files.isRegularFile(home.resolve("bin/rustydb"))) {
            fail("no distribution at " + home + ": build it first (mvn install, or mvn -pl distribution install)");
        }
        return home;
    }

    /** The jars of bundle/, sorted by file name as Felix's auto-deploy does. */
    static List<Path> bundleJars() {
        return jars(home().resolve("bundle"));
    }

    /** The jar of an optional plugin in plugins/, by its bundle symbolic name (= file name prefix). */
    static Path pluginJar(String symbolicName) {
        Path plugins = home().resolve("plugins");
        return jars(plugins).stream()
                .filter(p -> p.getFileName().toString().startsWith(symbolicName + "-"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + symbolicName + " jar in " + plugins));
    }

    /**
     * A copy of the installation at {@code target}, without its data/ and logs/, as an administrator
     * would install it: a test can edit its etc/ without touching the distribution under test.
     */
    static Path copyInstallation(Path target) throws IOException {
        Path home = home();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path source : files.toList()) {
                Path relative = home.relativize(source);
                if (relative.startsWith("data") || relative.startsWith("logs")) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    /** A directory under target/itest/ that is kept after the run, for post-mortems. */
    static Path workDir(String name) throws IOException {
        Path base = Path.of(System.getProperty("rustydb.itest.dir", "target/itest"));
        return Files.createDirectories(base).resolve(name + "-" + System.currentTimeMillis());
    }

    /** A TCP port that was free a moment ago on the loopback interface. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> jars(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
