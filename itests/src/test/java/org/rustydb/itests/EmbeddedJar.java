package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The self-contained embedded driver jar as an application sees it: loaded by a class loader that
 * holds only that jar (over the JDK's platform classes), so nothing of this test's class path (the
 * Felix framework, the API, slf4j) can stand in for what the jar must carry itself.
 */
final class EmbeddedJar {
    private static Driver driver;

    private EmbeddedJar() {
    }

    /** {@code distribution/target/rustydb-embedded-<version>.jar}, from the property failsafe sets. */
    static Path path() {
        Path jar = Path.of(System.getProperty("rustydb.embedded.jar", "missing")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no embedded jar at " + jar + " (mvn install -pl distribution first)");
        return jar;
    }

    /** The jar's driver, loaded once in an isolated class loader. */
    static synchronized Driver driver() throws Exception {
        if (driver == null) {
            URLClassLoader loader = new URLClassLoader("rustydb-embedded", new URL[] {path().toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            driver = (Driver) Class.forName("org.rustydb.client.Driver", true, loader).getDeclaredConstructor()
                    .newInstance();
        }
        return driver;
    }

    static Connection connect(String url) throws Exception {
        return connect(url, new Properties());
    }

    static Connection connect(String url, Properties properties) throws Exception {
        Connection c = driver().connect(url, properties);
        if (c == null) {
            throw new SQLException("the driver did not accept " + url);
        }
        return c;
    }
}
