package org.rustydb.network.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.rustydb.api.Database;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.frontend.ProtocolFrontEnd;
import org.rustydb.spi.security.Authenticator;
import org.rustydb.spi.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL front end: accepts TCP connections and serves each on its own thread. At most
 * {@code maxConnections} sessions run at once; a few more sockets are let through the handshake so
 * that cancel requests still work on a full server, and beyond those a client is turned away at
 * once. {@link #stop()} closes every client promptly and frees the port for an immediate restart.
 */
public final class PgServer implements ProtocolFrontEnd {
    private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);
    /** Sockets allowed beyond maxConnections while they are still in the startup handshake. */
    static final int HANDSHAKE_RESERVE = 10;
    private static final int BACKLOG = 128;
    private static final long NOTICE_WAIT_MILLIS = 500;
    private static final long THREAD_WAIT_MILLIS = 2000;

    private final Database database;
    private final SessionRegistry registry;
    private final ServerSettings settings;
    private final Set<PgConnection> connections = ConcurrentHashMap.newKeySet();
    private final Map<Long, PgConnection> cancelKeys = new ConcurrentHashMap<>();
    private final Semaphore sessionSlots;
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private volatile Authenticator authenticator;
    private volatile boolean authenticationRequired;
    private final AtomicBoolean trustWarned = new AtomicBoolean();
    private volatile boolean running;
    private volatile String endpoint = "";
    private ServerSocket serverSocket;
    private Thread acceptor;
    private ExecutorService executor;

    public PgServer(Database database, ServerSettings settings) {
        this(database, null, settings);
    }

    /**
     * @param registry where sessions get their client address and the way to disconnect them when
     *                 terminated; null to serve without (terminated sessions then end at their next statement)
     */
    public PgServer(Database database, SessionRegistry registry, ServerSettings settings) {
        this.database = Objects.requireNonNull(database, "database");
        this.registry = registry;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sessionSlots = new Semaphore(settings.maxConnections());
    }

    /** Binds the listening socket and starts accepting; fails if the address cannot be bound. */
    public synchronized void start() throws IOException {
        if (running) {
            throw new IllegalStateException("already started");
        }
        InetSocketAddress address = settings.allInterfaces()
                ? new InetSocketAddress(settings.port())
                : new InetSocketAddress(InetAddress.getByName(settings.host().trim()), settings.port());
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true); // rebind at once after a stop despite TIME_WAIT connections
            socket.bind(address, BACKLOG);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        serverSocket = socket;
        endpoint = formatEndpoint(settings, socket.getLocalPort());
        executor = Executors.newCachedThreadPool(daemonThreads());
        running = true;
        acceptor = new Thread(this::acceptLoop, "rustydb-pg-acceptor-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("PostgreSQL front end listening on {}", endpoint);
    }

    /**
     * Stops listening and ends every connection: idle clients are told why (FATAL 57P01), running
     * statements are cancelled, and sockets are closed without waiting for clients. Idempotent.
     */
    public void stop() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        closeQuietly(serverSocket);
        joinQuietly(acceptor, THREAD_WAIT_MILLIS);
        List<PgConnection> open = List.copyOf(connections);
        // Notices may block on a client that reads nothing, so they get their own thread and a deadline.
        Thread notifier = new Thread(() -> open.forEach(PgConnection::sendShutdownNotice), "rustydb-pg-shutdown");
        notifier.setDaemon(true);
        notifier.start();
        joinQuietly(notifier, NOTICE_WAIT_MILLIS);
        open.forEach(PgConnection::closeSocket);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(THREAD_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("{} connection threads still busy after stop; their statements do not respond to cancel",
                        connections.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("PostgreSQL front end on {} stopped", endpoint);
    }

    private void acceptLoop() {
        while (running) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (running) {
                    // e.g. out of file descriptors: back off instead of spinning
                    LOG.warn("accept failed on {}: {}", endpoint, e.toString());
                    sleepQuietly(100);
                }
                continue;
            }
            if (connections.size() >= settings.maxConnections() + HANDSHAKE_RESERVE) {
                rejectAtOnce(socket);
                continue;
            }
            try {
                PgConnection connection = new PgConnection(this, socket);
                connections.add(connection);
                executor.execute(connection);
            } catch (IOException | RejectedExecutionException e) {
                LOG.debug("dropping connection {}: {}", socket.getRemoteSocketAddress(), e.toString());
                closeQuietly(socket);
            }
        }
    }

    /** Turns a client away without a thread: a fresh socket's send buffer takes the short message. */
    private void rejectAtOnce(Socket socket) {
        try (socket) {
            MessageWriter writer = new MessageWriter(new BufferedOutputStream(socket.getOutputStream(), 256));
            writer.errorResponse(DbException.of(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already")
                    .withSeverity(DbException.Severity.FATAL));
            writer.flush();
            socket.shutdownOutput();
            // Unread input would turn the close into a reset that can discard the message.
            InputStream in = socket.getInputStream();
            int available = in.available();
            if (available > 0) {
                in.skip(available);
            }
        } catch (IOException e) {
            LOG.trace("rejecting connection", e);
        }
    }

    /** Sets the service that authenticates clients; null: trust every client. */
    public void setAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
        if (authenticator != null) {
            trustWarned.set(false);
        }
    }

    Authenticator authenticator() {
        return authenticator;
    }

    /**
     * Whether clients must wait for an authenticator (57P03 while none is registered) rather than
     * being trusted without one; the standard distribution requires one, so that restarting the
     * security bundle never lets clients in without a password.
     */
    public void setAuthenticationRequired(boolean required) {
        this.authenticationRequired = required;
    }

    boolean authenticationRequired() {
        return authenticationRequired;
    }

    /** Logs, once until an authenticator comes, that clients are let in without a password. */
    void warnTrustOnce() {
        if (trustWarned.compareAndSet(false, true)) {
            LOG.warn("no authenticator is registered: every client is trusted without a password "
                    + "(start the org.rustydb.security bundle to require one)");
        }
    }

    ServerSettings settings() {
        return settings;
    }

    Database database() {
        return database;
    }

    /** Tells the session registry who is behind a session and how to disconnect it. */
    void attachConnection(long sessionId, SocketAddress client, Runnable disconnect) {
        if (registry != null) {
            registry.attachConnection(sessionId, describe(client), disconnect);
        }
    }

    /** host:port of a client, as pg_stat_activity's client_addr and client_port. */
    static String describe(SocketAddress client) {
        if (client instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(client);
    }

    boolean acquireSessionSlot() {
        return sessionSlots.tryAcquire();
    }

    int newSecretKey() {
        return random.nextInt();
    }

    /** Remembers a connection under its BackendKeyData; returns the key to unregister with. */
    long registerForCancel(int processId, int secretKey, PgConnection connection) {
        long key = cancelKey(processId, secretKey);
        cancelKeys.put(key, connection);
        return key;
    }

    /** A CancelRequest: cancels the statement of the matching connection; unknown keys are ignored. */
    void cancel(int processId, int secretKey) {
        PgConnection target = cancelKeys.get(cancelKey(processId, secretKey));
        if (target != null) {
            target.cancelStatement();
        } else {
            LOG.debug("cancel request for unknown process {} ignored", processId);
        }
    }

    /** Releases what a finished connection held; {@code cancelKey} is null if it never had a session. */
    void connectionClosed(PgConnection connection, boolean heldSessionSlot, Long cancelKey) {
        if (cancelKey != null) {
            cancelKeys.remove(cancelKey, connection);
        }
        if (heldSessionSlot) {
            sessionSlots.release();
        }
        connections.remove(connection);
    }

    /** The port actually bound, useful when configured with 0; -1 before start. */
    public int port() {
        ServerSocket s = serverSocket;
        return s == null ? -1 : s.getLocalPort();
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public String protocol() {
        return "postgresql";
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public int connectionCount() {
        return connections.size();
    }

    private static long cancelKey(int processId, int secretKey) {
        // Process ids could repeat if session ids wrap; the secret key tells them apart.
        return ((long) processId << 32) | (secretKey & 0xffffffffL);
    }

    private static String formatEndpoint(ServerSettings settings, int port) {
        String host = settings.allInterfaces() ? "*" : settings.host().trim();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private ThreadFactory daemonThreads() {
        return runnable -> {
            Thread t = new Thread(runnable, "rustydb-pg-connection-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            LOG.trace("close", e);
        }
    }

    private static void joinQuietly(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
