package org.rustydb.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSLRequest answered with 'S' and a TLS handshake, as PostgreSQL built with OpenSSL does. */
class TlsTest {
    private static final byte[] SSL_REQUEST = RawClient.concat(RawClient.int32(8),
            RawClient.int32(PgConnection.SSL_REQUEST));

    @TempDir
    Path dir;
    private PgServer server;

    @BeforeEach
    void start() throws IOException {
        TlsSupport tls = TlsSupport.configure(true, "", "", dir);
        server = new PgServer(new FakeDatabase(), new ServerSettings("127.0.0.1", 0, 10, 1 << 20, 5000).withTls(tls));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String url(String options) {
        return "jdbc:postgresql://127.0.0.1:" + server.port() + "/rustydb?user=rustydb&preferQueryMode=simple&"
                + options;
    }

    private static void assertSelectOne(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery("select 1")) {
            assertTrue(rs.next());
            assertEquals("1", rs.getString(1));
        }
    }

    @Test
    void pgjdbcRequiringTlsRunsQueries() throws Exception {
        assertSelectOne(url("sslmode=require"));
        assertSelectOne(url("ssl=true&sslfactory=org.postgresql.ssl.NonValidatingFactory"));
        assertSelectOne(url("sslmode=disable"));
    }

    @Test
    void psqlRequiringTlsRunsAQuery() throws Exception {
        assumeTrue(SelfSignedCertificateTest.onPath("psql"), "psql is not on PATH");
        ProcessBuilder pb = new ProcessBuilder("psql", "host=127.0.0.1 port=" + server.port()
                + " user=rustydb dbname=rustydb sslmode=require", "-X", "-A", "-t", "-c", "select 1", "-c", "\\conninfo");
        pb.environment().keySet().removeIf(name -> name.startsWith("PG"));
        pb.environment().put("PGCONNECT_TIMEOUT", "5");
        Path out = dir.resolve("psql.out");
        pb.redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "psql did not finish");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.startsWith("1\n"), output);
        assertTrue(output.contains("SSL connection (protocol: TLSv1."), output);
    }

    @Test
    void theStartupContinuesOverTls() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            assertEquals('S', sslRequest(socket));
            SSLSocket ssl = trustingClient(socket);
            List<RawClient.Msg> msgs = startup(ssl, null);
            assertEquals('Z', msgs.get(msgs.size() - 1).type(), RawClient.types(msgs));
        }
    }

    @Test
    void aSecondSslRequestInsideTlsIsRefusedAsAnUnknownProtocolVersion() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            assertEquals('S', sslRequest(socket));
            SSLSocket ssl = trustingClient(socket);
            List<RawClient.Msg> msgs = startup(ssl, SSL_REQUEST);
            assertEquals("E", RawClient.types(msgs));
            assertEquals("FATAL", msgs.get(0).severity());
            assertEquals("0A000", msgs.get(0).sqlState());
        }
    }

    @Test
    void garbageInsteadOfAClientHelloIsDroppedAtOnce() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            assertEquals('S', sslRequest(socket));
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[1024];
            long start = System.nanoTime();
            try {
                while (in.read(sink) >= 0) {
                    // a TLS alert may come before the close
                }
            } catch (IOException e) {
                // reset: closed too
            }
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 4000, "the server kept the socket");
        }
        awaitNoConnections();
    }

    @Test
    void plainDataBehindTheSslRequestIsAProtocolViolation() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.concat(SSL_REQUEST, RawClient.int32(8), RawClient.int32(PgConnection.PROTOCOL_3_0)));
            RawClient.Msg error = c.read();
            assertEquals('E', error.type());
            assertEquals("FATAL", error.severity());
            assertEquals("08P01", error.sqlState());
            assertEquals("received unencrypted data after SSL request", error.fields().get('M'));
            assertEquals(null, c.read());
        }
    }

    @Test
    void gssEncryptionIsStillRefused() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.concat(RawClient.int32(8), RawClient.int32(PgConnection.GSSENC_REQUEST)));
            assertEquals('N', c.readByte());
            c.startup(Map.of("user", "rustydb"));
            List<RawClient.Msg> msgs = c.readUntilReady();
            assertEquals('Z', msgs.get(msgs.size() - 1).type(), RawClient.types(msgs));
        }
    }

    @Test
    void withoutACertificateTheAnswerIsN() throws Exception {
        PgServer plain = new PgServer(new FakeDatabase(), new ServerSettings("127.0.0.1", 0, 2, 1 << 20));
        plain.start();
        try (Socket socket = new Socket("127.0.0.1", plain.port())) {
            socket.setSoTimeout(5000);
            assertEquals('N', sslRequest(socket));
        } finally {
            plain.stop();
        }
    }

    private static int sslRequest(Socket socket) throws IOException {
        socket.getOutputStream().write(SSL_REQUEST);
        socket.getOutputStream().flush();
        return socket.getInputStream().read();
    }

    /** Client side of the handshake, trusting any certificate as sslmode=require does. */
    static SSLSocket trustingClient(Socket socket) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        ssl.startHandshake();
        return ssl;
    }

    /** Sends a startup packet (by default as user rustydb) and reads up to ReadyForQuery or EOF. */
    private static List<RawClient.Msg> startup(SSLSocket ssl, byte[] packet) throws IOException {
        byte[] params = RawClient.concat(RawClient.int32(PgConnection.PROTOCOL_3_0), RawClient.cstring("user"),
                RawClient.cstring("rustydb"), new byte[] {0});
        OutputStream out = ssl.getOutputStream();
        out.write(packet != null ? packet : RawClient.concat(RawClient.int32(params.length + 4), params));
        out.flush();
        DataInputStream in = new DataInputStream(ssl.getInputStream());
        List<RawClient.Msg> msgs = new ArrayList<>();
        while (true) {
            int type = in.read();
            if (type < 0) {
                return msgs;
            }
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            msgs.add(new RawClient.Msg((char) type, body));
            if (type == 'Z') {
                return msgs;
            }
        }
    }

    private void awaitNoConnections() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (server.connectionCount() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.connectionCount());
    }
}
