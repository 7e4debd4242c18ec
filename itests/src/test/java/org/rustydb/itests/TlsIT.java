package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * TLS session encryption of bin/rustydb: the certificate generated in the data folder on first
 * start and reused afterwards, pgjdbc and psql requiring TLS, and a client that answers the 'S'
 * with garbage.
 */
class TlsIT {

    private static Connection connect(int port, String options) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                + "/rustydb?connectTimeout=10&socketTimeout=30&" + options, "rustydb", Distribution.password());
    }

    @Test
    void clientsRequiringTlsConnectWithTheGeneratedCertificate() throws Exception {
        Path workDir = Distribution.workDir("tls");
        Path data = workDir.resolve("data");
        byte[] certificate;
        try (ServerProcess server = ServerProcess.start(workDir, data)) {
            server.awaitReady(Duration.ofSeconds(60));
            Path cert = data.resolve("server.crt");
            Path key = data.resolve("server.key");
            assertTrue(Files.readString(cert).startsWith("-----BEGIN CERTIFICATE-----"));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            certificate = Files.readAllBytes(cert);

            try (Connection c = connect(server.port(), "sslmode=require")) {
                Sql.execute(c, "create table tls_t(a int, b text)");
                Sql.execute(c, "insert into tls_t values (1, 'over tls')");
                assertEquals(List.of(List.of("1", "over tls")), Sql.query(c, "select a, b from tls_t"));
            }
            try (Connection c = connect(server.port(), "ssl=true&sslfactory=org.postgresql.ssl.NonValidatingFactory")) {
                assertEquals(List.of(List.of("1")), Sql.query(c, "select count(*) from tls_t"));
            }
            try (Connection c = connect(server.port(), "sslmode=disable")) {
                assertEquals(List.of(List.of("over tls")), Sql.query(c, "select b from tls_t"));
            }
            if (Psql.available()) {
                Psql.Result result = Psql.run(server.port(), "select b from tls_t", workDir,
                        Map.of("PGSSLMODE", "require"));
                assertEquals("b\nover tls\n(1 row)\n", result.stdout(), "stderr: " + result.stderr());
                assertEquals(0, result.exitCode());
                Psql.Result info = Psql.run(server.port(), "\\conninfo", workDir, Map.of("PGSSLMODE", "require"));
                assertTrue(info.stdout().contains("SSL connection (protocol: TLSv1."), info.stdout() + info.stderr());
            }

            garbageAfterTheSslAnswerIsDropped(server.port());
            try (Connection c = connect(server.port(), "sslmode=require")) {
                assertEquals(List.of(List.of("1")), Sql.query(c, "select 1"));
            }
        }
        try (ServerProcess again = ServerProcess.start(workDir.resolve("restart"), data)) {
            again.awaitReady(Duration.ofSeconds(60));
            assertArrayEquals(certificate, Files.readAllBytes(data.resolve("server.crt")), "certificate regenerated");
            try (Connection c = connect(again.port(), "sslmode=require")) {
                assertEquals(List.of(List.of("1")), Sql.query(c, "select count(*) from tls_t"));
            }
        }
    }

    @Test
    void sslOffAnswersNAndClientsRequiringTlsGiveUp() throws Exception {
        Path workDir = Distribution.workDir("tls-off");
        Path home = Distribution.copyInstallation(workDir.resolve("home"));
        Path cfg = home.resolve("etc/org.rustydb.network.cfg");
        Files.writeString(cfg, Files.readString(cfg).replace("ssl=true", "ssl=false"));
        try (ServerProcess server = ServerProcess.start(home, workDir, workDir.resolve("data"))) {
            server.awaitReady(Duration.ofSeconds(60));
            assertTrue(Files.notExists(workDir.resolve("data/server.crt")));
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> connect(server.port(), "sslmode=require").close());
            assertTrue(e.getMessage().contains("does not support SSL"), e.getMessage());
            if (Psql.available()) {
                Psql.Result result = Psql.run(server.port(), "select 1", workDir, Map.of("PGSSLMODE", "require"));
                assertEquals(2, result.exitCode());
                assertTrue(result.stderr().contains("server does not support SSL"), result.stderr());
            }
        }
    }

    /** SSLRequest, the 'S', then plain bytes instead of a ClientHello: the server closes at once. */
    private static void garbageAfterTheSslAnswerIsDropped(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(ByteBuffer.allocate(8).putInt(8).putInt(80877103).array());
            InputStream in = socket.getInputStream();
            assertEquals('S', in.read());
            socket.getOutputStream().write("\0\0\0\u0008garbage garbage".getBytes(StandardCharsets.ISO_8859_1));
            long start = System.nanoTime();
            byte[] sink = new byte[512];
            try {
                while (in.read(sink) >= 0) {
                    // at most a TLS alert before the close
                }
            } catch (IOException e) {
                // a reset is a close too
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "the server kept the connection");
        }
    }
}
