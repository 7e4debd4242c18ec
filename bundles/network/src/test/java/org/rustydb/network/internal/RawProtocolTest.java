package org.rustydb.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rustydb.network.internal.RawClient.concat;
import static org.rustydb.network.internal.RawClient.cstring;
import static org.rustydb.network.internal.RawClient.int32;
import static org.rustydb.network.internal.RawClient.types;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rustydb.network.internal.RawClient.Msg;

/** The wire protocol byte by byte: handshake, simple query, recovery, and protocol violations. */
class RawProtocolTest {
    private static final int MAX_MESSAGE = 64 * 1024;

    private FakeDatabase database;
    private PgServer server;

    @BeforeEach
    void start() throws IOException {
        database = new FakeDatabase();
        server = new PgServer(database, new ServerSettings("127.0.0.1", 0, 20, MAX_MESSAGE));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private RawClient client() throws IOException {
        return RawClient.connected(server.port());
    }

    /** A protocol violation must not disturb anyone else: a fresh connection still queries. */
    private void assertServerStillWorks() throws IOException {
        try (RawClient other = client()) {
            other.query("select 1");
            List<Msg> reply = other.readUntilReady();
            assertEquals("TDCZ", types(reply));
            assertEquals(List.of("1"), reply.get(1).values());
        }
    }

    private static void assertFatal(List<Msg> msgs, String sqlState) {
        assertTrue(!msgs.isEmpty(), "expected an ErrorResponse before EOF");
        Msg last = msgs.get(msgs.size() - 1);
        assertEquals('E', last.type(), () -> "messages: " + types(msgs));
        assertEquals("FATAL", last.severity());
        assertEquals("FATAL", last.fields().get('V'));
        assertEquals(sqlState, last.sqlState(), () -> last.fields().toString());
    }

    @Test
    void startupSendsParametersKeyDataAndReady() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            c.startup(Map.of("user", "alice", "database", "rustydb", "application_name", "raw test"));
            List<Msg> msgs = c.readUntilReady();
            assertEquals('R', msgs.get(0).type());
            assertEquals(0, msgs.get(0).int32(0));
            assertEquals('Z', msgs.get(msgs.size() - 1).type());
            assertEquals("I", new String(msgs.get(msgs.size() - 1).body(), StandardCharsets.US_ASCII));
            assertEquals('K', msgs.get(msgs.size() - 2).type());
            assertEquals("15.0", c.parameters.get("server_version"));
            assertEquals("UTF8", c.parameters.get("server_encoding"));
            assertEquals("UTF8", c.parameters.get("client_encoding"));
            assertEquals("ISO, MDY", c.parameters.get("DateStyle"));
            assertEquals("on", c.parameters.get("integer_datetimes"));
            assertEquals("on", c.parameters.get("standard_conforming_strings"));
            assertEquals("UTC", c.parameters.get("TimeZone"));
            assertEquals("postgres", c.parameters.get("IntervalStyle"));
            assertEquals("on", c.parameters.get("is_superuser"));
            assertEquals("alice", c.parameters.get("session_authorization"));
            assertEquals("raw test", c.parameters.get("application_name"));
            FakeDatabase.FakeSession session = database.sessions.get(0);
            assertEquals("alice", session.user());
            assertEquals("raw test", session.parameters.get("application_name"));
            assertEquals((int) session.id(), c.processId);
        }
    }

    @Test
    void databaseDefaultsToUserAndUnknownDatabaseIsFatal3D000() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            c.startup(Map.of("user", "rustydb"));
            assertEquals('Z', last(c.readUntilReady()).type());
            assertEquals("rustydb", database.sessions.get(0).database());
        }
        try (RawClient c = new RawClient(server.port())) {
            c.startup(Map.of("user", "rustydb", "database", "nosuch"));
            List<Msg> msgs = c.readUntilClosed();
            assertEquals("RE", types(msgs));
            assertFatal(msgs, "3D000");
            assertEquals("database \"nosuch\" does not exist", msgs.get(1).fields().get('M'));
        }
        assertServerStillWorks();
    }

    @Test
    void missingUserIsFatal28000() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            c.startup(Map.of("database", "rustydb"));
            List<Msg> msgs = c.readUntilClosed();
            assertEquals(1, msgs.size());
            assertFatal(msgs, "28000");
        }
    }

    @Test
    void otherProtocolVersionsAreFatal0A000() throws IOException {
        for (int version : new int[] {2 << 16, 4 << 16, 1234}) {
            try (RawClient c = new RawClient(server.port())) {
                byte[] body = concat(int32(version), cstring("user"), cstring("rustydb"), new byte[] {0});
                c.sendRaw(concat(int32(body.length + 4), body));
                List<Msg> msgs = c.readUntilClosed();
                assertFatal(msgs, "0A000");
                assertTrue(msgs.get(0).fields().get('M').startsWith("unsupported frontend protocol"));
            }
        }
    }

    @Test
    void newerMinorVersionIsNegotiatedDown() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            byte[] body = concat(int32((3 << 16) | 2), cstring("user"), cstring("rustydb"),
                    cstring("_pq_.something"), cstring("on"), new byte[] {0});
            c.sendRaw(concat(int32(body.length + 4), body));
            List<Msg> msgs = c.readUntilReady();
            assertEquals('v', msgs.get(0).type());
            assertEquals(3 << 16, msgs.get(0).int32(0));
            assertEquals(1, msgs.get(0).int32(4));
            assertEquals('Z', msgs.get(msgs.size() - 1).type());
        }
    }

    @Test
    void malformedStartupPacketsAreFatal() throws IOException {
        byte[][] packets = {
            int32(4),                                                            // length below 8
            int32(1_000_000),                                                    // above the startup limit
            concat(int32(4 + 4 + 5 + 8), int32(PgConnection.PROTOCOL_3_0), cstring("user"), cstring("rustydb")),
            concat(int32(4 + 4 + 6), int32(PgConnection.PROTOCOL_3_0), cstring("user"), new byte[] {0}),
            concat(int32(12), int32(PgConnection.SSL_REQUEST), int32(0)),       // SSLRequest with extra bytes
        };
        for (byte[] packet : packets) {
            try (RawClient c = new RawClient(server.port())) {
                c.sendRaw(packet);
                assertFatal(c.readUntilClosed(), "08P01");
            }
        }
        try (RawClient c = new RawClient(server.port())) {
            byte[] body = concat(int32(PgConnection.PROTOCOL_3_0), cstring("user"),
                    new byte[] {'b', (byte) 0xff, 0}, new byte[] {0});
            c.sendRaw(concat(int32(body.length + 4), body));
            assertFatal(c.readUntilClosed(), "22021");
        }
        assertServerStillWorks();
    }

    @Test
    void sslAndGssRequestsAreRefusedWithN() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(concat(int32(8), int32(PgConnection.SSL_REQUEST)));
            assertEquals('N', c.readByte());
            c.sendRaw(concat(int32(8), int32(PgConnection.GSSENC_REQUEST)));
            assertEquals('N', c.readByte());
            c.startup(Map.of("user", "rustydb", "database", "rustydb"));
            assertEquals('Z', last(c.readUntilReady()).type());
        }
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(concat(int32(8), int32(PgConnection.SSL_REQUEST)));
            assertEquals('N', c.readByte());
            c.sendRaw(concat(int32(8), int32(PgConnection.SSL_REQUEST)));
            assertFatal(c.readUntilClosed(), "0A000"); // asked twice: PostgreSQL also treats it as a version
        }
    }

    @Test
    void simpleQueryRowsNullsAndTypes() throws IOException {
        try (RawClient c = client()) {
            c.query("select rows");
            List<Msg> msgs = c.readUntilReady();
            assertEquals("TDDDCZ", types(msgs));
            ByteBuffer t = ByteBuffer.wrap(msgs.get(0).body());
            assertEquals(6, t.getShort());
            int[][] expected = {{23, 4, -1}, {25, -1, -1}, {16, 1, -1}, {20, 8, -1}, {21, 2, -1}, {1043, -1, 14}}; // varchar(10): the wire adds 4
            String[] names = {"id", "name", "flag", "big", "small", "code"};
            for (int i = 0; i < 6; i++) {
                assertEquals(names[i], readCString(t));
                assertEquals(0, t.getInt(), "table oid");
                assertEquals(0, t.getShort(), "attnum");
                assertEquals(expected[i][0], t.getInt(), "type oid");
                assertEquals(expected[i][1], t.getShort(), "typlen");
                assertEquals(expected[i][2], t.getInt(), "typmod");
                assertEquals(0, t.getShort(), "format");
            }
            assertEquals(Arrays.asList("1", "one", "t", "10000000000", "1", "x"), msgs.get(1).values());
            assertEquals(Arrays.asList("2", null, "f", null, null, null), msgs.get(2).values());
            assertEquals(Arrays.asList("3", "naïve ☃", null, "-5", "-3", ""), msgs.get(3).values());
            assertEquals("SELECT 3", msgs.get(4).text());
            assertEquals("I", new String(last(msgs).body(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void multipleStatementsCommandsAndEmptyQueries() throws IOException {
        try (RawClient c = client()) {
            c.query("select 1; create table t; select none");
            List<Msg> msgs = c.readUntilReady();
            assertEquals("TDCCTCZ", types(msgs));
            assertEquals("CREATE TABLE", msgs.get(3).text());
            assertEquals("SELECT 0", msgs.get(5).text());
            for (String empty : new String[] {"", "   ", ";", " ; ;"}) {
                c.query(empty);
                assertEquals("IZ", types(c.readUntilReady()), "query: '" + empty + "'");
            }
        }
    }

    @Test
    void errorResponseCarriesAllFieldsAndConnectionStaysUsable() throws IOException {
        try (RawClient c = client()) {
            c.query("select error");
            List<Msg> msgs = c.readUntilReady();
            assertEquals("EZ", types(msgs));
            Map<Character, String> f = msgs.get(0).fields();
            assertEquals("ERROR", f.get('S'));
            assertEquals("ERROR", f.get('V'));
            assertEquals("42601", f.get('C'));
            assertEquals("syntax error at or near \"error\"", f.get('M'));
            assertEquals("some detail", f.get('D'));
            assertEquals("some hint", f.get('H'));
            assertEquals("8", f.get('P'));
            c.query("select boom");
            msgs = c.readUntilReady();
            assertEquals("EZ", types(msgs));
            assertEquals("XX000", msgs.get(0).sqlState());
            c.query("select rowerror");
            msgs = c.readUntilReady();
            assertEquals("TDEZ", types(msgs));
            assertEquals("22012", msgs.get(2).sqlState());
            c.query("select 1");
            assertEquals("TDCZ", types(c.readUntilReady()));
        }
    }

    @Test
    void readyForQueryReportsTransactionStatus() throws IOException {
        try (RawClient c = client()) {
            c.query("begin");
            assertEquals("T", new String(last(c.readUntilReady()).body(), StandardCharsets.US_ASCII));
            c.query("fail");
            assertEquals("E", new String(last(c.readUntilReady()).body(), StandardCharsets.US_ASCII));
            c.query("rollback");
            assertEquals("I", new String(last(c.readUntilReady()).body(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void fatalFromTheSessionEndsTheConnection() throws IOException {
        try (RawClient c = client()) {
            c.query("select fatal");
            List<Msg> msgs = c.readUntilClosed();
            assertFatal(msgs, "57P01");
        }
        waitFor(() -> database.sessions.get(0).closed);
        assertServerStillWorks();
    }

    @Test
    void badQueryTextIsAnErrorButTheConnectionContinues() throws IOException {
        try (RawClient c = client()) {
            c.send('Q', new byte[] {'s', 'e', 'l', (byte) 0xff, 0});
            List<Msg> msgs = c.readUntilReady();
            assertEquals("EZ", types(msgs));
            assertEquals("22021", msgs.get(0).sqlState());
            assertEquals("invalid byte sequence for encoding \"UTF8\": 0xff", msgs.get(0).fields().get('M'));
            c.send('Q', "select 1".getBytes(StandardCharsets.US_ASCII)); // no NUL terminator
            msgs = c.readUntilReady();
            assertEquals("EZ", types(msgs));
            assertEquals("08P01", msgs.get(0).sqlState());
            assertEquals("ERROR", msgs.get(0).severity());
            c.send('Q', concat(cstring("select 1"), new byte[] {'x'})); // trailing bytes
            assertEquals("08P01", c.readUntilReady().get(0).sqlState());
            c.query("select 1");
            assertEquals("TDCZ", types(c.readUntilReady()));
        }
    }

    @Test
    void extendedProtocolErrorSkipsToSyncThenRecovers() throws IOException {
        try (RawClient c = client()) {
            c.send('P', concat(cstring(""), cstring("prepare error"), new byte[] {0, 0}));
            c.send('B', concat(cstring(""), cstring(""), new byte[] {0, 0, 0, 0, 0, 0}));
            c.send('D', concat(new byte[] {'P'}, cstring("")));
            c.send('E', concat(cstring(""), int32(0)));
            c.query("select 1"); // skipped until Sync, as PostgreSQL does
            c.send('S', new byte[0]);
            List<Msg> msgs = c.readUntilReady();
            assertEquals("EZ", types(msgs));
            assertEquals("42P01", msgs.get(0).sqlState());
            c.send('S', new byte[0]);
            assertEquals("Z", types(c.readUntilReady()));
            c.query("select 1");
            assertEquals("TDCZ", types(c.readUntilReady()));
        }
    }

    @Test
    void functionCallIsRefusedAndCopyMessagesAreIgnored() throws IOException {
        try (RawClient c = client()) {
            c.send('F', concat(int32(1234), new byte[] {0, 0, 0, 0, 0, 0}));
            List<Msg> msgs = c.readUntilReady();
            assertEquals("EZ", types(msgs));
            assertEquals("0A000", msgs.get(0).sqlState());
            c.send('d', "stray".getBytes(StandardCharsets.US_ASCII));
            c.send('c', new byte[0]);
            c.send('f', cstring("oops"));
            c.send('H', new byte[0]);
            c.query("select 1");
            assertEquals("TDCZ", types(c.readUntilReady()));
        }
    }

    @Test
    void terminateClosesSessionAndSocket() throws IOException {
        try (RawClient c = client()) {
            c.send('X', new byte[0]);
            assertNull(c.read());
        }
        waitFor(() -> database.sessions.get(0).closed);
        waitFor(() -> server.connectionCount() == 0);
    }

    @Test
    void lengthBelowFourIsFatal08P01() throws IOException {
        try (RawClient c = client()) {
            c.sendRaw(concat(new byte[] {'Q'}, int32(3)));
            assertFatal(c.readUntilClosed(), "08P01");
        }
        assertServerStillWorks();
    }

    @Test
    void lengthAboveMaxMessageSizeIsFatal08P01() throws IOException {
        for (int length : new int[] {MAX_MESSAGE + 1, Integer.MAX_VALUE, -1}) {
            try (RawClient c = client()) {
                c.sendRaw(concat(new byte[] {'Q'}, int32(length), "select".getBytes(StandardCharsets.US_ASCII)));
                assertFatal(c.readUntilClosed(), "08P01");
            }
        }
        assertServerStillWorks();
    }

    @Test
    void messageOfExactlyMaxMessageSizeIsAccepted() throws IOException {
        try (RawClient c = client()) {
            byte[] sql = new byte[MAX_MESSAGE - 4];
            Arrays.fill(sql, (byte) ' ');
            byte[] text = "select 1".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, sql, 0, text.length);
            sql[sql.length - 1] = 0;
            c.send('Q', sql);
            assertEquals("TDCZ", types(c.readUntilReady()));
        }
    }

    @Test
    void unknownMessageTypeIsFatal08P01() throws IOException {
        for (char type : new char[] {'z', 'p', '\0'}) {
            try (RawClient c = client()) {
                c.send(type, new byte[0]);
                List<Msg> msgs = c.readUntilClosed();
                assertFatal(msgs, "08P01");
                assertEquals("invalid frontend message type " + (int) type, last(msgs).fields().get('M'));
            }
        }
        assertServerStillWorks();
    }

    @Test
    void truncatedFrameIsFatal08P01() throws IOException {
        try (RawClient c = client()) {
            c.sendRaw(concat(new byte[] {'Q'}, int32(100), "select".getBytes(StandardCharsets.US_ASCII)));
            c.socket.shutdownOutput();
            assertFatal(c.readUntilClosed(), "08P01");
        }
        try (RawClient c = client()) {
            c.sendRaw(new byte[] {'Q', 0, 0}); // EOF inside the length word
            c.socket.shutdownOutput();
            assertFatal(c.readUntilClosed(), "08P01");
        }
        assertServerStillWorks();
    }

    @Test
    void halfSentFrameDoesNotBlockOthers() throws IOException {
        try (RawClient slow = client()) {
            slow.sendRaw(concat(new byte[] {'Q'}, int32(MAX_MESSAGE), "select".getBytes(StandardCharsets.US_ASCII)));
            assertServerStillWorks();
        }
    }

    @Test
    void cancelRequestCancelsTheMatchingSessionOnly() throws Exception {
        try (RawClient c = client()) {
            c.query("select sleep");
            FakeDatabase.FakeSession session = database.sessions.get(0);
            assertTrue(session.sleeping.await(5, TimeUnit.SECONDS));
            try (RawClient wrongKey = new RawClient(server.port())) {
                wrongKey.sendRaw(concat(int32(16), int32(PgConnection.CANCEL_REQUEST), int32(c.processId),
                        int32(c.secretKey + 1)));
                assertEquals(List.of(), wrongKey.readUntilClosed());
            }
            assertEquals(0, session.cancels.get());
            try (RawClient cancel = new RawClient(server.port())) {
                cancel.sendRaw(concat(int32(16), int32(PgConnection.CANCEL_REQUEST), int32(c.processId),
                        int32(c.secretKey)));
                assertEquals(List.of(), cancel.readUntilClosed(), "a cancel connection gets no reply");
            }
            List<Msg> msgs = c.readUntilReady();
            assertEquals("EZ", types(msgs));
            assertEquals("57014", msgs.get(0).sqlState());
            c.query("select 1");
            assertEquals("TDCZ", types(c.readUntilReady()));
        }
    }

    private static Msg last(List<Msg> msgs) {
        return msgs.get(msgs.size() - 1);
    }

    private static String readCString(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) {
            // scan to the terminator
        }
        return new String(b.array(), start, b.position() - start - 1, StandardCharsets.UTF_8);
    }

    static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 5 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
