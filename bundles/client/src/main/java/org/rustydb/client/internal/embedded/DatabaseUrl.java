package org.rustydb.client.internal.embedded;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * A parsed {@code jdbc:rustydb:file:<directory>} or {@code jdbc:rustydb:mem:<name>} URL with its
 * properties; {@link #key()} says which URLs share one database.
 */
public final class DatabaseUrl {
    public static final String PREFIX = "jdbc:rustydb:";
    private static final String FILE = "file:";
    private static final String MEM = "mem:";
    private static final int DEFAULT_POOL_MEGABYTES = 128;
    private static final Set<String> KNOWN = Set.of("user", "password", "fsync", "bufferPoolMegabytes", "port");
    /** The superuser a new database gets, and the user of connections that name none. */
    public static final String DEFAULT_USER = "rustydb";

    private final String url;
    private final boolean memory;
    private final Path directory;
    private final String key;
    private final String user;
    private final String password;
    private final boolean fsync;
    private final int bufferPoolMegabytes;
    private final int port;

    private DatabaseUrl(String url, boolean memory, Path directory, String key, Map<String, String> props)
            throws SQLException {
        this.url = url;
        this.memory = memory;
        this.directory = directory;
        this.key = key;
        this.user = props.getOrDefault("user", DEFAULT_USER);
        this.password = props.get("password");
        this.fsync = bool(props.getOrDefault("fsync", memory ? "false" : "true"));
        this.bufferPoolMegabytes = positive("bufferPoolMegabytes",
                props.getOrDefault("bufferPoolMegabytes", Integer.toString(defaultPoolMegabytes())));
        this.port = props.containsKey("port") ? positive("port", props.get("port")) : 0;
        if (port > 65535) {
            throw new SQLException("invalid port \"" + port + "\": at most 65535", "22023");
        }
        if (memory && fsync) {
            throw new SQLException("fsync applies to file databases only", "22023");
        }
        if (user.isEmpty()) {
            throw new SQLException("user must not be empty", "28000");
        }
    }

    /** Parses a URL of this driver; properties in the URL win over those given. */
    public static DatabaseUrl parse(String url, Properties info) throws SQLException {
        Map<String, String> props = new LinkedHashMap<>();
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                if (KNOWN.contains(name)) {
                    props.put(name, info.getProperty(name));
                }
            }
        }
        String rest = url.substring(PREFIX.length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (!KNOWN.contains(name)) {
                    throw new SQLException("unknown property \"" + name + "\" in URL " + url + " (known: "
                            + String.join(", ", KNOWN) + ")", "08001");
                }
                props.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
            rest = rest.substring(0, query);
        }
        if (rest.startsWith(MEM)) {
            String name = rest.substring(MEM.length());
            // an unnamed database is private to its one connection
            String key = name.isEmpty() ? "mem-private:" + UUID.randomUUID() : "mem:" + name;
            return new DatabaseUrl(url, true, null, key, props);
        }
        if (rest.startsWith(FILE)) {
            String location = rest.substring(FILE.length());
            if (location.isEmpty()) {
                throw new SQLException("missing directory in " + url, "08001");
            }
            Path dir;
            try {
                dir = Path.of(location).toAbsolutePath().normalize();
                if (Files.exists(dir)) {
                    dir = dir.toRealPath(); // so that links and relative spellings share one database
                }
            } catch (InvalidPathException | java.io.IOException e) {
                throw new SQLException("invalid directory in " + url + ": " + e.getMessage(), "08001", e);
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new SQLException("\"" + dir + "\" is not a directory", "08001");
            }
            return new DatabaseUrl(url, false, dir, "file:" + dir, props);
        }
        throw new SQLException("invalid URL " + url + ": expected " + PREFIX + "file:<directory> or " + PREFIX
                + "mem:<name>", "08001");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static boolean bool(String value) throws SQLException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new SQLException("invalid boolean \"" + value + "\" for fsync", "22023");
        };
    }

    private static int positive(String name, String value) throws SQLException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SQLException("invalid " + name + " \"" + value + "\": a positive integer is required", "22023");
    }

    public static DriverPropertyInfo[] propertyInfo(Properties info) {
        DriverPropertyInfo user = new DriverPropertyInfo("user", info == null ? null : info.getProperty("user"));
        user.description = "the role to run as (default " + DEFAULT_USER + ")";
        DriverPropertyInfo password = new DriverPropertyInfo("password", null);
        password.description = "not checked in-process; the superuser's password when the database is created";
        DriverPropertyInfo fsync = new DriverPropertyInfo("fsync", "true");
        fsync.description = "file databases: force the log at commit (false: faster, an OS crash may lose commits)";
        fsync.choices = new String[] {"true", "false"};
        DriverPropertyInfo pool = new DriverPropertyInfo("bufferPoolMegabytes",
                Integer.toString(defaultPoolMegabytes()));
        pool.description = "memory for cached pages, in MiB, when the database is opened";
        DriverPropertyInfo port = new DriverPropertyInfo("port", null);
        port.description = "also serve the database over the PostgreSQL protocol on 127.0.0.1 at this port";
        return new DriverPropertyInfo[] {user, password, fsync, pool, port};
    }

    public String url() {
        return url;
    }

    public boolean memory() {
        return memory;
    }

    /** The database directory of a file URL, null for memory. */
    public Path directory() {
        return directory;
    }

    /** URLs with the same key share one database in this JVM. */
    public String key() {
        return key;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /**
     * 128 MiB (PostgreSQL's shared_buffers), for file and memory databases alike, but at most a
     * quarter of the heap: the pool takes memory as pages come in, so a small database costs
     * little, and the application, whose heap this is, keeps room for itself (a server, whose heap
     * is its own, takes a quarter of it).
     */
    static int defaultPoolMegabytes() {
        long quarterHeap = Runtime.getRuntime().maxMemory() / 4 >> 20;
        return (int) Math.max(1, Math.min(DEFAULT_POOL_MEGABYTES, quarterHeap));
    }

    public boolean fsync() {
        return fsync;
    }

    public int bufferPoolMegabytes() {
        return bufferPoolMegabytes;
    }

    /** The PostgreSQL port to serve the database on too, 0 for none. */
    public int port() {
        return port;
    }
}
