package org.rustydb.network.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A byte-level protocol client for tests: it sends exactly what a test says and decodes replies. */
final class RawClient implements AutoCloseable {
    /** A backend message. */
    record Msg(char type, byte[] body) {
        /** The fields of an ErrorResponse or NoticeResponse, by code. */
        Map<Character, String> fields() {
            Map<Character, String> out = new LinkedHashMap<>();
            int i = 0;
            while (i < body.length && body[i] != 0) {
                char code = (char) body[i++];
                int end = i;
                while (body[end] != 0) {
                    end++;
                }
                out.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
                i = end + 1;
            }
            return out;
        }

        String sqlState() {
            return fields().get('C');
        }

        String severity() {
            return fields().get('S');
        }

        int int32(int offset) {
            return ByteBuffer.wrap(body).getInt(offset);
        }

        /** The text values of a DataRow, null for NULL. */
        List<String> values() {
            ByteBuffer b = ByteBuffer.wrap(body);
            int n = b.getShort();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int len = b.getInt();
                if (len < 0) {
                    out.add(null);
                } else {
                    out.add(new String(body, b.position(), len, StandardCharsets.UTF_8));
                    b.position(b.position() + len);
                }
            }
            return out;
        }

        /** The body as a NUL-terminated string, for CommandComplete. */
        String text() {
            return new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
        }
    }

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    int processId;
    int secretKey;
    final Map<String, String> parameters = new LinkedHashMap<>();

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects and completes startup as user rustydb; fails if the server does not say ReadyForQuery. */
    static RawClient connected(int port) throws IOException {
        RawClient c = new RawClient(port);
        c.startup(Map.of("user", "rustydb", "database", "rustydb"));
        List<Msg> msgs = c.readUntilReady();
        Msg last = msgs.get(msgs.size() - 1);
        if (last.type() != 'Z') {
            throw new IOException("startup failed: " + msgs);
        }
        return c;
    }

    void startup(Map<String, String> params) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(int32(PgConnection.PROTOCOL_3_0));
        params.forEach((k, v) -> {
            body.writeBytes(cstring(k));
            body.writeBytes(cstring(v));
        });
        body.write(0);
        sendRaw(concat(int32(body.size() + 4), body.toByteArray()));
    }

    void send(char type, byte[] body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(type);
        b.writeBytes(int32(body.length + 4));
        b.writeBytes(body);
        sendRaw(b.toByteArray());
    }

    void query(String sql) throws IOException {
        send('Q', cstring(sql));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next message, or null when the server closed the connection. */
    Msg read() throws IOException {
        int type;
        try {
            type = in.read();
        } catch (SocketException e) {
            return null; // reset by the server counts as closed
        }
        if (type < 0) {
            return null;
        }
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        Msg m = new Msg((char) type, body);
        if (m.type() == 'K') {
            processId = m.int32(0);
            secretKey = m.int32(4);
        } else if (m.type() == 'S') {
            String[] kv = new String(body, StandardCharsets.UTF_8).split("\0");
            parameters.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return m;
    }

    int readByte() throws IOException {
        return in.read();
    }

    /** Messages up to and including ReadyForQuery, or up to the server closing the connection. */
    List<Msg> readUntilReady() throws IOException {
        List<Msg> msgs = new ArrayList<>();
        Msg m;
        while ((m = read()) != null) {
            msgs.add(m);
            if (m.type() == 'Z') {
                break;
            }
        }
        return msgs;
    }

    /** Reads everything up to EOF; fails if the server keeps the connection open. */
    List<Msg> readUntilClosed() throws IOException {
        List<Msg> msgs = new ArrayList<>();
        Msg m;
        while ((m = read()) != null) {
            msgs.add(m);
        }
        return msgs;
    }

    static String types(List<Msg> msgs) {
        StringBuilder sb = new StringBuilder();
        msgs.forEach(m -> sb.append(m.type()));
        return sb.toString();
    }

    static byte[] int32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    static byte[] cstring(String s) {
        return concat(s.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
