package org.rustydb.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rustydb.network.internal.RawClient.concat;
import static org.rustydb.network.internal.RawClient.cstring;
import static org.rustydb.network.internal.RawClient.int32;
import static org.rustydb.network.internal.RawClient.types;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rustydb.network.internal.RawClient.Msg;

/** Parse, Bind, Describe, Execute, Close and Sync at the byte level. */
class ExtendedProtocolTest {
    private FakeDatabase database;
    private PgServer server;

    @BeforeEach
    void start() throws IOException {
        database = new FakeDatabase();
        server = new PgServer(database, new ServerSettings("127.0.0.1", 0, 5, 1 << 20));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static byte[] int16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    private static void parse(RawClient c, String name, String sql, int... oids) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(cstring(name));
        b.writeBytes(cstring(sql));
        b.writeBytes(int16(oids.length));
        for (int oid : oids) {
            b.writeBytes(int32(oid));
        }
        c.send('P', b.toByteArray());
    }

    /** Bind with one format code for all parameters and one for all results. */
    private static void bind(RawClient c, String portal, String statement, int parameterFormat, int resultFormat,
            byte[]... values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(cstring(portal));
        b.writeBytes(cstring(statement));
        b.writeBytes(int16(1));
        b.writeBytes(int16(parameterFormat));
        b.writeBytes(int16(values.length));
        for (byte[] v : values) {
            if (v == null) {
                b.writeBytes(int32(-1));
            } else {
                b.writeBytes(int32(v.length));
                b.writeBytes(v);
            }
        }
        b.writeBytes(int16(1));
        b.writeBytes(int16(resultFormat));
        c.send('B', b.toByteArray());
    }

    private static void describe(RawClient c, char kind, String name) throws IOException {
        c.send('D', concat(new byte[] {(byte) kind}, cstring(name)));
    }

    private static void execute(RawClient c, String portal, int maxRows) throws IOException {
        c.send('E', concat(cstring(portal), int32(maxRows)));
    }

    private static void sync(RawClient c) throws IOException {
        c.send('S', new byte[0]);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void copyFromStdinRunsAtExecuteAndIgnoresFlushAndSyncUntilCopyDone() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            parse(c, "", "copy from stdin");
            bind(c, "", "", 0, 0);
            describe(c, 'P', "");
            execute(c, "", 0);
            c.send('H', new byte[0]);
            List<Msg> start = new java.util.ArrayList<>();
            Msg m;
            while ((m = c.read()) != null && m.type() != 'G') {
                start.add(m);
            }
            assertEquals("12n", types(start));
            c.send('d', text("a\tb\n"));
            c.send('S', new byte[0]); // ignored during copy-in, as PostgreSQL does
            c.send('d', text("c\td\n"));
            c.send('c', new byte[0]);
            sync(c);
            List<Msg> msgs = c.readUntilReady();
            assertEquals("CZ", types(msgs));
            assertEquals("COPY 2", msgs.get(0).text());
            assertEquals("a\tb\nc\td\n", database.sessions.get(0).copied);
        }
    }

    @Test
    void anotherMessageDuringCopyInEndsTheConnection() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            c.query("copy from stdin");
            Msg m;
            while ((m = c.read()) != null && m.type() != 'G') {
                // up to CopyInResponse
            }
            c.query("select 1");
            List<Msg> msgs = c.readUntilClosed();
            assertEquals("E", types(msgs));
            assertEquals("08P01", msgs.get(0).sqlState());
            assertEquals("FATAL", msgs.get(0).severity());
        }
    }

    @Test
    void unnamedStatementRunsWithTextParameters() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            parse(c, "", "echo $1 $2");
            bind(c, "", "", 0, 0, text("a b"), null);
            describe(c, 'P', "");
            execute(c, "", 0);
            sync(c);
            List<Msg> msgs = c.readUntilReady();
            assertEquals("12TDCZ", types(msgs));
            assertEquals(java.util.Arrays.asList("a b", null), msgs.get(3).values());
            assertEquals("SELECT 1", msgs.get(4).text());
            assertEquals('I', (char) msgs.get(5).body()[0]); // the implicit transaction was committed
            assertEquals(List.of("BEGIN", "COMMIT"), database.sessions.get(0).executedOnBehalf);
        }
    }

    @Test
    void describeStatementReportsParameterTypesAndColumns() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            parse(c, "s1", "echo $1 $2", 23, 0);
            describe(c, 'S', "s1");
            parse(c, "s2", "create table t");
            describe(c, 'S', "s2");
            sync(c);
            List<Msg> msgs = c.readUntilReady();
            assertEquals("1tT1tnZ", types(msgs));
            ByteBuffer p = ByteBuffer.wrap(msgs.get(1).body());
            assertEquals(2, p.getShort());
            assertEquals(23, p.getInt());
            assertEquals(25, p.getInt()); // deduced: text
            assertEquals(0, ByteBuffer.wrap(msgs.get(4).body()).getShort());
        }
    }

    @Test
    void binaryParametersArriveAsText() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            parse(c, "", "echo $1 $2 $3 $4 $5", 23, 1700, 1114, 16, 2950);
            byte[] numeric = BinaryCodec.encodeNumeric(new java.math.BigDecimal("-12345.670"));
            byte[] timestamp = ByteBuffer.allocate(8).putLong(86_400_000_000L + 1_500_000L).array();
            byte[] uuid = ByteBuffer.allocate(16).putLong(1).putLong(2).array();
            bind(c, "", "", 1, 0, int32(-7), numeric, timestamp, new byte[] {1}, uuid);
            execute(c, "", 0);
            sync(c);
            List<Msg> msgs = c.readUntilReady();
            assertEquals("12DCZ", types(msgs));
            assertEquals(List.of("-7", "-12345.670", "2000-01-02 00:00:01.5", "t",
                    "00000000-0000-0001-0000-000000000002"), msgs.get(2).values());
        }
    }

    @Test
    void malformedBinaryParameterIs22P03() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            parse(c, "", "echo $1", 23);
            bind(c, "", "", 1, 0, new byte[] {1, 2});
            execute(c, "", 0);
            sync(c);
            List<Msg> msgs = c.readUntilReady();
            assertEquals("1EZ", types(msgs));
            assertEquals("22P03", msgs.get(1).sqlState());
            assertEquals("incorrect binary data format in bind parameter 1", msgs.get(1).fields().get('M'));
        }
    }

    @Test
    void binaryResultsFollowTheResultFormat() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            parse(c, "", "select rows");
            bind(c, "", "", 0, 1);
            describe(c, 'P', "");
            execute(c, "", 0);
            sync(c);
            List<Msg> msgs = c.readUntilReady();
            assertEquals("12TDDDCZ", types(msgs));
            ByteBuffer row = ByteBuffer.wrap(msgs.get(3).body());
            assertEquals(6, row.getShort());
            assertEquals(4, row.getInt());
            assertEquals(1, row.getInt()); // id, int4
            row.position(row.position() + 4 + 3); // name "one"
            assertEquals(1, row.getInt());
            assertEquals(1, row.get()); // flag, bool
            assertEquals(8, row.getInt());
            assertEquals(10_000_000_000L, row.getLong()); // big, int8
            ByteBuffer description = ByteBuffer.wrap(msgs.get(2).body());
            description.getShort();
            while (description.get() != 0) {
                // column name
            }
            description.position(description.position() + 4 + 2 + 4 + 2 + 4);
            assertEquals(1, description.getShort()); // the format code
        }
    }

    @Test
    void rowLimitSuspendsThePortalUntilTheNextExecute() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            parse(c, "", "select rows");
            bind(c, "p", "", 0, 0);
            execute(c, "p", 2);
            execute(c, "p", 2);
            execute(c, "p", 2);
            sync(c);
            List<Msg> msgs = c.readUntilReady();
            assertEquals("12DDsDCCZ", types(msgs));
            assertEquals("3", msgs.get(5).values().get(0));
            assertEquals("SELECT 1", msgs.get(6).text());
            assertEquals("SELECT 0", msgs.get(7).text());
            // the portal ended with the implicit transaction
            execute(c, "p", 0);
            sync(c);
            msgs = c.readUntilReady();
            assertEquals("EZ", types(msgs));
            assertEquals("34000", msgs.get(0).sqlState());
        }
    }

    @Test
    void namesMustBeFreeAndKnown() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            parse(c, "s", "select 1");
            parse(c, "s", "select 1");
            sync(c);
            List<Msg> msgs = c.readUntilReady();
            assertEquals("1EZ", types(msgs));
            assertEquals("42P05", msgs.get(1).sqlState());
            assertEquals("prepared statement \"s\" already exists", msgs.get(1).fields().get('M'));

            bind(c, "q", "s", 0, 0);
            bind(c, "q", "s", 0, 0);
            sync(c);
            msgs = c.readUntilReady();
            assertEquals("2EZ", types(msgs));
            assertEquals("cursor \"q\" already exists", msgs.get(1).fields().get('M'));
            assertEquals("42P03", msgs.get(1).sqlState());

            bind(c, "", "nope", 0, 0);
            sync(c);
            msgs = c.readUntilReady();
            assertEquals("26000", msgs.get(0).sqlState());
            describe(c, 'P', "nope");
            sync(c);
            assertEquals("34000", c.readUntilReady().get(0).sqlState());

            c.send('C', concat(new byte[] {'S'}, cstring("s")));
            parse(c, "s", "select 1");
            bind(c, "", "s", 0, 0);
            execute(c, "", 0);
            c.send('C', concat(new byte[] {'P'}, cstring("")));
            sync(c);
            assertEquals("312DC3Z", types(c.readUntilReady()));
        }
    }

    @Test
    void wrongParameterCountIs08P01() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            parse(c, "", "echo $1");
            bind(c, "", "", 0, 0);
            sync(c);
            List<Msg> msgs = c.readUntilReady();
            assertEquals("1EZ", types(msgs));
            assertEquals("08P01", msgs.get(1).sqlState());
            assertEquals("bind message supplies 0 parameters, but prepared statement \"\" requires 1",
                    msgs.get(1).fields().get('M'));
        }
    }

    @Test
    void anErrorRollsBackTheImplicitTransaction() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            parse(c, "", "fail");
            bind(c, "", "", 0, 0);
            execute(c, "", 0);
            sync(c);
            List<Msg> msgs = c.readUntilReady();
            assertEquals("12EZ", types(msgs));
            assertEquals('I', (char) msgs.get(3).body()[0]);
            assertEquals(List.of("BEGIN", "ROLLBACK"), database.sessions.get(0).executedOnBehalf);
            c.query("select 1");
            assertEquals("TDCZ", types(c.readUntilReady()));
        }
    }

    @Test
    void emptyStatementGivesEmptyQueryResponse() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            parse(c, "", "");
            bind(c, "", "", 0, 0);
            describe(c, 'P', "");
            execute(c, "", 0);
            c.send('H', new byte[0]);
            sync(c);
            assertEquals("12nIZ", types(c.readUntilReady()));
        }
    }
}
