package org.rustydb.itests;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose clients talk to the distribution booted in an embedded framework, or, with
 * {@code -Ditest.reference.port=N}, to a PostgreSQL server (see {@link Sql#REFERENCE_PORT}) to
 * check that the test's assertions are PostgreSQL's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgainstDistributionOrReference {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path root;

    private EmbeddedRustyDb db;

    @BeforeAll
    void boot() throws Exception {
        if (Sql.REFERENCE_PORT.isEmpty()) {
            db = EmbeddedRustyDb.start(root);
            db.awaitPort(TIMEOUT);
            Sql.awaitReady(db.port(), TIMEOUT);
        }
    }

    @AfterAll
    void shutDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /** The booted distribution; null when the clients talk to a reference server. */
    EmbeddedRustyDb distribution() {
        return db;
    }

    /** A new client connection. */
    Connection connect() throws SQLException {
        return Sql.REFERENCE_PORT.isEmpty() ? Sql.connect(db.port()) : Sql.connectReference();
    }

    /** A new client connection with more pgjdbc options, e.g. {@code autosave=always}. */
    Connection connect(String options) throws SQLException {
        boolean reference = !Sql.REFERENCE_PORT.isEmpty();
        String url = "jdbc:postgresql://127.0.0.1:" + (reference ? Sql.REFERENCE_PORT : Integer.toString(db.port()))
                + (reference ? "/postgres" : "/rustydb") + "?socketTimeout=30&" + options;
        return DriverManager.getConnection(url, reference ? "postgres" : "rustydb",
                reference ? "" : Distribution.password());
    }
}
