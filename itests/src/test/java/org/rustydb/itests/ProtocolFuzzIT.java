package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

/**
 * Hostile clients against bin/rustydb: many connections at once send random and mutated protocol
 * traffic (bad lengths, unknown types, truncated frames, huge length claims, invalid UTF-8 in
 * queries and startup parameters, garbage around SSLRequest, random bytes after a valid startup or
 * inside TLS), then half-close. The server must answer each one (an ErrorResponse or valid
 * replies) and close it within a deadline, while a well-behaved pgjdbc session keeps working; at
 * the end it still accepts clients, logged no internal error, and its heap is back near where it was.
 *
 * <p>Deterministic: case {@code i} of a run uses {@code new Random(seed * 1_000_003 + i)}, and a
 * failure names the seed and case. {@code -Dfuzz.seed=N} and {@code -Dfuzz.cases=N} (default 1000,
 * under a minute) select a run; a long run is e.g. {@code -Dfuzz.cases=50000}.
 */
class ProtocolFuzzIT {
    private static final long SEED = Long.getLong("fuzz.seed", 20261125L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 1000);
    private static final int PARALLEL = 16;
    private static final int READ_TIMEOUT_MILLIS = 15_000;
    private static final int PROTOCOL_3_0 = 3 << 16;
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;
    private static final byte[] TYPES = "QPBEDCHSXFdcfpzZ?\0\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] SCENARIOS = {"random bytes", "random bytes after startup", "mutated messages",
        "huge length claims", "unknown message types", "invalid UTF-8 in a query", "invalid UTF-8 in startup",
        "garbage before SSLRequest", "garbage after SSLRequest", "truncated frames", "random bytes inside TLS",
        "random extended protocol", "odd startup packets"};

    /** What the server sent first, per case: 'E' an error, 'R' authentication (startup accepted)... */
    private static final java.util.Map<String, AtomicInteger> OUTCOMES = new java.util.concurrent.ConcurrentHashMap<>();

    private static void outcome(String what) {
        OUTCOMES.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    @Test
    void hostileClientsGetAnErrorOrAreClosedWhileAGoodClientKeepsWorking() throws Exception {
        Path workDir = Distribution.workDir("fuzz");
        try (ServerProcess server = ServerProcess.start(workDir)) {
            server.awaitReady(Duration.ofSeconds(60));
            int port = server.port();
            try (Connection c = Sql.connect(port)) {
                Sql.execute(c, "create table fuzz_t(id int primary key, v text)");
            }
            long heapBefore = usedHeapAfterGc(server);

            AtomicBoolean fuzzing = new AtomicBoolean(true);
            AtomicInteger goodQueries = new AtomicInteger();
            ExecutorService good = Executors.newSingleThreadExecutor();
            Future<?> goodClient = good.submit(() -> {
                try (Connection c = Sql.connect(port)) {
                    for (int i = 0; fuzzing.get(); i++) {
                        Sql.execute(c, "insert into fuzz_t values (" + i + ", 'row " + i + "')");
                        assertEquals(List.of(List.of(Integer.toString(i + 1))),
                                Sql.query(c, "select count(*) from fuzz_t"));
                        goodQueries.incrementAndGet();
                    }
                }
                return null;
            });

            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
            List<Future<?>> cases = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < CASES; i++) {
                int index = i;
                cases.add(pool.submit(() -> {
                    String problem = runCase(port, index);
                    if (problem != null) {
                        failures.add(problem);
                    }
                }));
            }
            for (Future<?> f : cases) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            fuzzing.set(false);
            goodClient.get(1, TimeUnit.MINUTES);
            good.shutdown();
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();

            System.out.println("ProtocolFuzzIT seed " + SEED + ": " + CASES + " cases in " + seconds
                    + " s, first reply: " + new java.util.TreeMap<>(OUTCOMES) + ", good client queries: " + goodQueries);
            assertTrue(failures.isEmpty(), failures.size() + " of " + CASES + " cases failed, e.g.:\n"
                    + String.join("\n", failures.stream().limit(10).toList()));
            // the traffic reached the protocol: some startups succeeded and some messages were refused
            assertTrue(OUTCOMES.getOrDefault("E", new AtomicInteger()).get() > 0, "no case got an ErrorResponse");
            assertTrue(OUTCOMES.getOrDefault("R", new AtomicInteger()).get() > 0, "no case got past startup");
            assertTrue(goodQueries.get() > 0, "the good client ran no query in " + seconds + " s");
            assertTrue(Sql.selectOne(port), "the server no longer answers select 1");
            // no session slot leaked: all of etc/'s maxConnections=100 are free again
            Poll.until(Duration.ofSeconds(20), "100 sessions at once to be accepted", () -> openAtOnce(port, 100));

            long heapAfter = usedHeapAfterGc(server);
            System.out.println("ProtocolFuzzIT used heap after GC: " + heapBefore / 1024 + " KiB before, "
                    + heapAfter / 1024 + " KiB after");
            if (heapBefore > 0 && heapAfter > 0) {
                assertTrue(heapAfter < heapBefore + 64L * 1024 * 1024,
                        "heap grew from " + heapBefore / 1024 + " KiB to " + heapAfter / 1024 + " KiB");
            }
            String log = Files.readString(server.logFile(), StandardCharsets.UTF_8) + server.output();
            assertTrue(!log.contains("OutOfMemoryError"), "OutOfMemoryError in the server log");
            List<String> errors = log.lines().filter(l -> l.contains(" ERROR ")).toList();
            assertTrue(errors.isEmpty(), "the server logged internal errors:\n" + String.join("\n", errors));
        }
    }

    /** True when {@code n} sessions can be open at the same time; 53300 (or any failure) is retried. */
    private static boolean openAtOnce(int port, int n) throws Exception {
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                open.add(Sql.connect(port));
            }
            return true;
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
    }

    /** Runs one case; null when the server behaved, else a description naming the seed and case. */
    private static String runCase(int port, int index) {
        Random random = new Random(SEED * 1_000_003L + index);
        int scenario = random.nextInt(SCENARIOS.length);
        String name = "seed " + SEED + " case " + index + " (" + SCENARIOS[scenario] + ")";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setSoLinger(true, 0); // no TIME_WAIT pile-up over thousands of cases
            String problem = play(socket, scenario, random);
            return problem == null ? null : name + ": " + problem;
        } catch (SocketTimeoutException e) {
            return name + ": the server neither answered nor closed within " + READ_TIMEOUT_MILLIS + " ms";
        } catch (IOException e) {
            outcome("reset");
            return null; // a reset or a refused write: the server closed the connection
        } catch (Exception e) {
            return name + ": " + e;
        }
    }

    private static String play(Socket socket, int scenario, Random random) throws Exception {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        switch (scenario) {
            case 0 -> out.write(randomBytes(random, random.nextInt(2000)));
            case 1 -> {
                out.write(startup("rustydb"));
                out.write(randomBytes(random, random.nextInt(5000)));
            }
            case 2 -> {
                out.write(startup("rustydb"));
                for (int i = random.nextInt(20); i >= 0; i--) {
                    out.write(mutate(random, validMessage(random)));
                }
            }
            case 3 -> {
                if (random.nextBoolean()) {
                    out.write(int32(random.nextBoolean() ? Integer.MAX_VALUE : 10_001 + random.nextInt(1 << 20)));
                } else {
                    out.write(startup("rustydb"));
                    out.write(random.nextBoolean() ? 'Q' : 'P');
                    // beyond max message size, or within it but never sent in full
                    out.write(int32(random.nextBoolean() ? -1 - random.nextInt(100) : 1 << (10 + random.nextInt(16))));
                }
                out.write(randomBytes(random, random.nextInt(100)));
            }
            case 4 -> {
                out.write(startup("rustydb"));
                out.write(frame((byte) (random.nextBoolean() ? random.nextInt(256) : "pzZ?a".charAt(random.nextInt(5))),
                        randomBytes(random, random.nextInt(50))));
            }
            case 5 -> {
                out.write(startup("rustydb"));
                byte[] sql = concat("select '".getBytes(StandardCharsets.US_ASCII), invalidUtf8(random),
                        "'".getBytes(StandardCharsets.US_ASCII), new byte[] {0});
                out.write(frame((byte) 'Q', sql));
                out.write(frame((byte) 'P', concat(new byte[] {0}, sql, new byte[] {0, 0})));
                out.write(frame((byte) 'S', new byte[0]));
                out.write(frame((byte) 'Q', cstring("select 1")));
            }
            case 6 -> {
                byte[] bad = invalidUtf8(random);
                String key = new String[] {"user", "database", "application_name", "options", "client_encoding"}
                        [random.nextInt(5)];
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                body.writeBytes(int32(PROTOCOL_3_0));
                if (!key.equals("user")) {
                    body.writeBytes(cstring("user"));
                    body.writeBytes(cstring("rustydb"));
                }
                body.writeBytes(cstring(key));
                body.writeBytes(bad);
                body.write(0);
                if (random.nextBoolean()) {
                    body.writeBytes(bad); // invalid UTF-8 as a parameter name too
                    body.write(0);
                    body.writeBytes(cstring("x"));
                }
                body.write(0);
                out.write(concat(int32(body.size() + 4), body.toByteArray()));
                out.write(frame((byte) 'Q', cstring("select 1")));
            }
            case 7 -> {
                out.write(randomBytes(random, 1 + random.nextInt(20)));
                out.write(concat(int32(8), int32(SSL_REQUEST)));
            }
            case 8 -> {
                out.write(concat(int32(8), int32(SSL_REQUEST)));
                out.flush();
                if (random.nextBoolean()) {
                    int answer = in.read();
                    if (answer != 'S') {
                        return "SSLRequest answered with " + answer;
                    }
                }
                out.write(randomBytes(random, random.nextInt(3000)));
            }
            case 9 -> {
                out.write(startup("rustydb"));
                byte[] message = validMessage(random);
                out.write(message, 0, random.nextInt(message.length));
            }
            case 10 -> {
                return insideTls(socket, random);
            }
            case 11 -> {
                out.write(startup("rustydb"));
                for (int i = random.nextInt(10); i >= 0; i--) {
                    byte type = (byte) "PBEDCHS".charAt(random.nextInt(7));
                    out.write(frame(type, randomBytes(random, random.nextInt(64))));
                }
                out.write(frame((byte) 'S', new byte[0]));
            }
            default -> {
                int code = new int[] {PROTOCOL_3_0, PROTOCOL_3_0 + 1 + random.nextInt(5), 2 << 16, CANCEL_REQUEST,
                    GSSENC_REQUEST, SSL_REQUEST, random.nextInt()}[random.nextInt(7)];
                byte[] body = concat(int32(code), randomBytes(random, random.nextInt(40)));
                int claimed = body.length + 4 + (random.nextBoolean() ? 0 : random.nextInt(9) - 4);
                out.write(concat(int32(claimed), body));
            }
        }
        out.flush();
        socket.shutdownOutput();
        drain(in);
        return null;
    }

    /** The handshake as sslmode=require does it, then startup and random bytes through TLS. */
    private static String insideTls(Socket socket, Random random) throws Exception {
        OutputStream raw = socket.getOutputStream();
        raw.write(concat(int32(8), int32(SSL_REQUEST)));
        raw.flush();
        int answer = socket.getInputStream().read();
        if (answer != 'S') {
            return "SSLRequest answered with " + answer;
        }
        SSLSocket ssl = (SSLSocket) trustAll().getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(),
                true);
        ssl.startHandshake();
        OutputStream out = ssl.getOutputStream();
        if (random.nextBoolean()) {
            out.write(startup("rustydb"));
        }
        out.write(randomBytes(random, random.nextInt(3000)));
        out.flush();
        socket.shutdownOutput(); // EOF without close_notify, as a crashed client leaves it
        drain(ssl.getInputStream());
        return null;
    }

    /** Reads until the server closes; a read timeout propagates as a hang. */
    private static void drain(InputStream in) throws IOException {
        int first = in.read();
        outcome(first < 0 ? "closed" : Character.isLetter(first) ? Character.toString(first) : "0x"
                + Integer.toHexString(first));
        byte[] sink = new byte[8192];
        while (first >= 0 && in.read(sink) >= 0) {
            // replies and errors are fine: only the close matters
        }
    }

    /** A well-formed frontend message of a random kind. */
    private static byte[] validMessage(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> frame((byte) 'Q', cstring("select " + random.nextInt(100)));
            case 1 -> frame((byte) 'P', concat(cstring(""), cstring("select $1::int"), new byte[] {0, 0}));
            case 2 -> frame((byte) 'B', concat(cstring(""), cstring(""), new byte[] {0, 0, 0, 1}, int32(1),
                    new byte[] {'7', 0, 0}));
            case 3 -> frame((byte) 'E', concat(cstring(""), int32(0)));
            case 4 -> frame((byte) 'D', concat(new byte[] {'S'}, cstring("")));
            default -> frame((byte) 'S', new byte[0]);
        };
    }

    /** Flips, inserts, deletes or overwrites a few bytes, often in the type and length words. */
    private static byte[] mutate(Random random, byte[] message) {
        byte[] m = message.clone();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = random.nextInt(3) == 0 ? random.nextInt(Math.min(5, m.length)) : random.nextInt(m.length);
            switch (random.nextInt(4)) {
                case 0 -> m[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> m[at] = (byte) random.nextInt(256);
                case 2 -> m = concat(java.util.Arrays.copyOf(m, at), randomBytes(random, 1 + random.nextInt(4)),
                        java.util.Arrays.copyOfRange(m, at, m.length));
                default -> {
                    if (m.length > 1) {
                        m = concat(java.util.Arrays.copyOf(m, at), java.util.Arrays.copyOfRange(m, at + 1, m.length));
                    }
                }
            }
        }
        return m;
    }

    private static byte[] invalidUtf8(Random random) {
        byte[][] bad = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0x80, 'a'}};
        return concat("x".getBytes(StandardCharsets.US_ASCII), bad[random.nextInt(bad.length)],
                "y".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        if (n > 0 && random.nextInt(4) == 0) {
            b[0] = TYPES[random.nextInt(TYPES.length)]; // often a plausible type byte first
        }
        return b;
    }

    private static byte[] startup(String user) {
        byte[] body = concat(int32(PROTOCOL_3_0), cstring("user"), cstring(user), cstring("database"),
                cstring("rustydb"), new byte[] {0});
        return concat(int32(body.length + 4), body);
    }

    private static byte[] frame(byte type, byte[] body) {
        return concat(new byte[] {type}, int32(body.length + 4), body);
    }

    private static byte[] int32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static byte[] cstring(String s) {
        return concat(s.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Stream.of(parts).forEach(b::writeBytes);
        return b.toByteArray();
    }

    private static SSLContext trustAll() throws Exception {
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
        return context;
    }

    /**
     * The server's used heap in bytes right after a full GC, through jcmd of the JDK running the
     * tests; 0 when jcmd is not there (a JRE), in which case the log check must do.
     */
    private static long usedHeapAfterGc(ServerProcess server) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return 0;
        }
        String pid = Long.toString(server.process().pid());
        run(jcmd.toString(), pid, "GC.run");
        String info = run(jcmd.toString(), pid, "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
            fail("no used heap figure in jcmd GC.heap_info:\n" + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "jcmd did not finish");
        return new String(output, StandardCharsets.UTF_8);
    }
}
