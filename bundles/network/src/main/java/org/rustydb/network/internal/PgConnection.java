package org.rustydb.network.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.api.SqlState;
import org.rustydb.api.ValueText;
import org.rustydb.api.TransactionStatus;
import org.rustydb.network.internal.MessageReader.Message;
import org.rustydb.spi.security.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, run on its own thread: the startup handshake, then the simple and the
 * extended query protocols ({@link ExtendedProtocol}) until the client terminates. The connection thread holds {@link #writeLock} whenever it
 * is not blocked reading, so the server (shutting down) or an administrator (terminating the
 * session) can tell an idle client why it is being disconnected without interleaving bytes with a
 * response. A session left idle inside a transaction block longer than
 * idle_in_transaction_session_timeout is ended with FATAL 25P03, as in PostgreSQL.
 */
final class PgConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PgConnection.class);

    static final int PROTOCOL_3_0 = 3 << 16;
    static final int CANCEL_REQUEST = 80877102;
    static final int SSL_REQUEST = 80877103;
    static final int GSSENC_REQUEST = 80877104;

    private static final int BUFFER_SIZE = 8192;
    private static final int DRAIN_LIMIT = 64 * 1024;
    private static final int DRAIN_TIMEOUT_MILLIS = 250;

    private final PgServer server;
    private final Socket socket;
    private final UpgradableStreams.Input input;
    private final UpgradableStreams.Output output;
    private volatile SSLSocket tlsSocket;
    private final MessageReader reader;
    private final MessageWriter writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReportedSettings reportedSettings = new ReportedSettings();
    private final ExtendedProtocol extended;
    private final CopyProtocol copy;
    private volatile Session session;
    private volatile boolean closing;
    private volatile boolean terminated;
    private volatile boolean terminationSent;
    private boolean holdsSessionSlot;
    private Long cancelKey;
    private IOException writeFailure;

    PgConnection(PgServer server, Socket socket) throws IOException {
        this.server = server;
        this.socket = socket;
        this.input = new UpgradableStreams.Input(socket.getInputStream(), BUFFER_SIZE);
        this.output = new UpgradableStreams.Output(socket.getOutputStream(), BUFFER_SIZE);
        this.reader = new MessageReader(input, server.settings().maxMessageSize());
        this.writer = new MessageWriter(output);
        this.copy = new CopyProtocol(reader, writer);
        this.extended = new ExtendedProtocol(writer, copy, reader::nextIsSync);
    }

    @Override
    public void run() {
        boolean hangUpGracefully = false;
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            if (startup()) {
                messageLoop();
                hangUpGracefully = terminated; // the FATAL is on its way: let the client read it
            }
        } catch (DbException e) {
            LOG.debug("closing connection {}: {}", socket.getRemoteSocketAddress(), e.toString());
            sendFatal(e);
            hangUpGracefully = true;
        } catch (SocketTimeoutException e) {
            LOG.debug("connection {} sent no startup packet in time", socket.getRemoteSocketAddress());
        } catch (IOException e) {
            if (!closing) {
                LOG.debug("connection {} lost: {}", socket.getRemoteSocketAddress(), e.toString());
            }
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("unexpected failure on connection {}", socket.getRemoteSocketAddress(), e);
            sendFatal(DbException.wrap(e));
            hangUpGracefully = true;
        } finally {
            extended.close();
            closeSession();
            if (hangUpGracefully && !closing) {
                hangUp();
            } else {
                closeSocket();
            }
            server.connectionClosed(this, holdsSessionSlot, cancelKey);
        }
    }

    /** Handles startup-phase packets; true once a session is open and ReadyForQuery was sent. */
    private boolean startup() throws IOException {
        socket.setSoTimeout(server.settings().startupTimeoutMillis());
        boolean sslAnswered = false;
        boolean gssAnswered = false;
        while (true) {
            Payload packet = reader.readStartupPacket();
            if (packet == null) {
                return false;
            }
            writeLock.lock();
            try {
                int code = packet.readInt32();
                // A repeated request falls through to the version check and fails there, as in PostgreSQL.
                if (code == SSL_REQUEST && !sslAnswered) {
                    requireLength(packet, 0);
                    sslAnswered = true;
                    if (startTls()) {
                        gssAnswered = true; // inside TLS a GSSENCRequest is as wrong as a second SSLRequest
                    }
                    continue;
                }
                if (code == GSSENC_REQUEST && !gssAnswered) {
                    requireLength(packet, 0);
                    gssAnswered = true;
                    writer.rawByte('N'); // no GSSAPI encryption; the client may continue in plain text or TLS
                    writer.flush();
                    continue;
                }
                if (code == CANCEL_REQUEST) {
                    requireLength(packet, 8);
                    server.cancel(packet.readInt32(), packet.readInt32());
                    return false; // a cancel connection gets no reply
                }
                startSession(code, packet);
                socket.setSoTimeout(0); // idle sessions are fine
                return true;
            } catch (DbException e) {
                throw e.severity() == DbException.Severity.ERROR ? e.withSeverity(DbException.Severity.FATAL) : e;
            } finally {
                writeLock.unlock();
            }
        }
    }

    /**
     * Answers an SSLRequest: 'N' without a certificate, else 'S' and the server side of the TLS
     * handshake, after which the startup goes on encrypted. Bytes that came in behind the request
     * were sent unencrypted and may have been injected by a man in the middle, so, as PostgreSQL,
     * they end the connection.
     *
     * @return true when the connection is now encrypted
     */
    private boolean startTls() throws IOException {
        TlsSupport tls = server.settings().tls();
        if (tls == null) {
            writer.rawByte('N');
            writer.flush();
            return false;
        }
        if (input.buffered() > 0) {
            throw fatal(SqlState.PROTOCOL_VIOLATION, "received unencrypted data after SSL request")
                    .withDetail("This could be either a client-software bug or evidence of an attempted"
                            + " man-in-the-middle attack.");
        }
        writer.rawByte('S');
        writer.flush();
        SSLSocket ssl = tls.handshake(socket);
        input.switchTo(ssl.getInputStream());
        output.switchTo(ssl.getOutputStream());
        tlsSocket = ssl;
        SSLSession tlsSession = ssl.getSession();
        LOG.debug("connection {} encrypted with {} {}", socket.getRemoteSocketAddress(), tlsSession.getProtocol(),
                tlsSession.getCipherSuite());
        return true;
    }

    /** True once the connection runs over TLS. */
    boolean encrypted() {
        return tlsSocket != null;
    }

    private static void requireLength(Payload packet, int remaining) {
        if (packet.remaining() != remaining) {
            throw fatal(SqlState.PROTOCOL_VIOLATION, "invalid length of startup packet");
        }
    }

    private void startSession(int version, Payload packet) throws IOException {
        StartupMessage startup = StartupMessage.parse(version, packet);
        String user = startup.user();
        Map<String, String> params = startup.parameters();
        if (startup.needsNegotiation()) {
            writer.negotiateProtocolVersion(PROTOCOL_3_0, startup.unsupportedOptions());
        }
        if (!server.acquireSessionSlot()) {
            LOG.warn("refusing {} from {}: all {} connection slots are in use", user, socket.getRemoteSocketAddress(),
                    server.settings().maxConnections());
            throw fatal(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
        }
        holdsSessionSlot = true;
        authenticate(user, params.get("database"));
        writer.authenticationOk();

        Session opened;
        try {
            opened = server.database().openSession(user, params);
        } catch (DbException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("opening a session for user {} failed", user, e);
            throw DbException.wrap(e);
        }
        session = opened;
        extended.attach(opened);
        int processId = (int) (opened.id() & 0x7fffffffL);
        int secretKey = server.newSecretKey();
        cancelKey = server.registerForCancel(processId, secretKey, this);

        server.attachConnection(opened.id(), socket.getRemoteSocketAddress(), this::terminate);
        reportedSettings.sendAll(opened, params, startup.clientEncoding(), writer);
        writer.backendKeyData(processId, secretKey);
        writer.readyForQuery(opened.transactionStatus().indicator());
        writer.flush();
        LOG.debug("session {} opened for user {} from {}", opened.id(), user, socket.getRemoteSocketAddress());
    }

    /**
     * Has the client prove who it is, as the Authenticator service decides; without one, 57P03 if
     * one is required, else (a distribution without the security bundle) every client is trusted.
     */
    private void authenticate(String user, String database) throws IOException {
        Authenticator authenticator = server.authenticator();
        if (authenticator == null) {
            if (server.authenticationRequired()) {
                throw fatal(SqlState.CANNOT_CONNECT_NOW, "the database system is not available: missing authenticator");
            }
            server.warnTrustOnce();
            return;
        }
        new Authentication(reader, writer).run(authenticator, user, database == null ? user : database,
                socket.getInetAddress(), encrypted());
    }

    private void messageLoop() throws IOException {
        boolean skipTillSync = false;
        while (true) {
            if (terminated) {
                throw fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command");
            }
            awaitMessage();
            Message message = reader.readMessage();
            if (message == null) {
                return;
            }
            writeLock.lock();
            try {
                if (closing) {
                    return;
                }
                char type = message.type();
                if (type == 'X') {
                    return;
                }
                if (type == 'S') {
                    skipTillSync = false;
                    sync();
                } else if (!skipTillSync) {
                    skipTillSync = dispatch(type, message.payload());
                }
            } finally {
                writeLock.unlock();
            }
        }
    }

    /** Handles one message outside skip mode; true when the rest up to Sync must be ignored. */
    private boolean dispatch(char type, Payload payload) throws IOException {
        switch (type) {
            case 'Q':
                simpleQuery(payload);
                return false;
            case 'P': case 'B': case 'D': case 'E': case 'C':
                return extendedMessage(type, payload);
            case 'F':
                writer.errorResponse(DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "function call protocol is not supported"));
                readyForQuery();
                return false;
            case 'H':
                writer.flush();
                return false;
            default:
                // CopyData, CopyDone, CopyFail outside COPY: ignored, as PostgreSQL does.
                return false;
        }
    }

    /**
     * One message of the extended query protocol; true after an error, which PostgreSQL follows by
     * skipping the messages up to Sync.
     */
    private boolean extendedMessage(char type, Payload payload) throws IOException {
        try {
            extended.handle(type, payload);
            return false;
        } catch (DbException e) {
            failIfExtendedClientGone();
            if (e.severity() != DbException.Severity.ERROR) {
                throw e; // FATAL or PANIC ends the connection
            }
            writer.errorResponse(e);
        } catch (RuntimeException | StackOverflowError e) {
            failIfExtendedClientGone();
            LOG.error("internal error in session {} handling message {}", session.id(), type, e);
            writer.errorResponse(DbException.wrap(e));
        }
        return true;
    }

    private void failIfExtendedClientGone() throws IOException {
        IOException copyFailure = copy.takeWriteFailure();
        if (copyFailure != null) {
            throw copyFailure;
        }
        if (extended.writeFailure() != null) {
            throw extended.writeFailure();
        }
    }

    /** Sync: ends the implicit transaction of the messages before it, then ReadyForQuery. */
    private void sync() throws IOException {
        try {
            extended.sync();
        } catch (DbException e) {
            if (e.severity() != DbException.Severity.ERROR) {
                throw e;
            }
            writer.errorResponse(e);
        } catch (RuntimeException e) {
            LOG.error("internal error in session {} ending a transaction at Sync", session.id(), e);
            writer.errorResponse(DbException.wrap(e));
        }
        readyForQuery();
    }

    private void simpleQuery(Payload payload) throws IOException {
        String sql;
        try {
            sql = payload.readCString();
            payload.requireEnd();
        } catch (DbException e) {
            // The frame itself was sound, so like PostgreSQL report it and carry on.
            writer.errorResponse(e);
            readyForQuery();
            return;
        }
        try {
            extended.beforeSimpleQuery();
        } catch (DbException e) {
            if (e.severity() != DbException.Severity.ERROR) {
                throw e;
            }
            writer.errorResponse(e);
            readyForQuery();
            return;
        }
        if (sql.isBlank()) {
            writer.emptyQueryResponse();
            readyForQuery();
            return;
        }
        Session s = session;
        int[] delivered = {0};
        writeFailure = null;
        try {
            s.execute(sql, new ResultSink() {
                @Override
                public void accept(Result result) {
                    delivered[0]++;
                    sendResult(result);
                }

                @Override
                public void notice(Notice notice) {
                    sendNotice(notice);
                }

                @Override
                public java.util.Optional<org.rustydb.api.CopyChannel> copyChannel() {
                    return java.util.Optional.of(copy);
                }
            });
            if (delivered[0] == 0) {
                writer.emptyQueryResponse(); // only comments or semicolons
            }
        } catch (DbException e) {
            failIfClientGone();
            if (e.severity() != DbException.Severity.ERROR) {
                throw e; // FATAL or PANIC ends the connection
            }
            writer.errorResponse(e);
        } catch (RuntimeException | StackOverflowError e) {
            failIfClientGone();
            LOG.error("internal error in session {} running: {}", s.id(), sql, e);
            writer.errorResponse(DbException.wrap(e));
        }
        readyForQuery();
    }

    private void sendResult(Result result) {
        if (writeFailure != null) {
            throw new UncheckedIOException(writeFailure);
        }
        try {
            if (result.returnsRows()) {
                writer.rowDescription(result.columns());
                java.time.ZoneId zone = ValueText.zoneOf(session.setting("TimeZone"));
                Object[] row;
                while ((row = result.next()) != null) {
                    writer.dataRow(result.columns(), row, zone);
                }
            }
            writer.commandComplete(result.commandTag());
        } catch (IOException e) {
            // The client is gone: stop the statement; the session may wrap this, so it is remembered too.
            writeFailure = e;
            throw new UncheckedIOException(e);
        }
    }

    private void sendNotice(Notice notice) {
        if (writeFailure != null) {
            throw new UncheckedIOException(writeFailure);
        }
        try {
            writer.noticeResponse(notice);
        } catch (IOException e) {
            writeFailure = e;
            throw new UncheckedIOException(e);
        }
    }

    private void failIfClientGone() throws IOException {
        IOException copyFailure = copy.takeWriteFailure();
        if (copyFailure != null) {
            throw copyFailure;
        }
        if (writeFailure != null) {
            throw writeFailure;
        }
    }

    private void readyForQuery() throws IOException {
        reportedSettings.sendChanged(session, writer);
        writer.readyForQuery(session.transactionStatus().indicator());
        writer.flush();
    }

    /**
     * Waits for the client's next message; inside a transaction block for at most
     * idle_in_transaction_session_timeout, after which the session ends with FATAL 25P03.
     */
    private void awaitMessage() throws IOException {
        Session s = session;
        if (s.transactionStatus() == TransactionStatus.IDLE) {
            return;
        }
        int timeout = ReportedSettings.idleInTransactionTimeoutMillis(s);
        if (timeout <= 0) {
            return;
        }
        socket.setSoTimeout(timeout);
        try {
            reader.awaitInput();
        } catch (SocketTimeoutException e) {
            LOG.info("terminating session {}: idle in transaction for {} ms", s.id(), timeout);
            throw fatal(SqlState.IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
                    "terminating connection due to idle-in-transaction timeout");
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(0);
            }
        }
    }

    /**
     * Ends the connection on an administrator's request (rustydb:terminate, pg_terminate_backend),
     * from the requesting thread: an idle client is told FATAL 57P01 at once and its connection
     * closed; a busy one gets the FATAL from its statement, which the session stops.
     */
    void terminate() {
        terminated = true;
        if (!writeLock.tryLock()) {
            return; // busy: the connection thread sees the flag or the statement's FATAL
        }
        try {
            writer.errorResponse(fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command"));
            writer.flush();
            terminationSent = true;
            socket.shutdownInput(); // wakes the connection thread, which then closes the connection
        } catch (IOException e) {
            LOG.trace("termination notice not delivered", e);
            closeSocket();
        } finally {
            writeLock.unlock();
        }
    }

    /** Cancels the running statement, if any; called from a cancel request's thread. */
    void cancelStatement() {
        Session s = session;
        if (s != null) {
            s.cancel();
        }
    }

    /**
     * First step of a server stop: stop the statement and, if the connection is idle, tell the
     * client why it is about to be disconnected. The write can block on a client that reads
     * nothing; the server bounds that by closing the socket.
     */
    void sendShutdownNotice() {
        closing = true;
        cancelStatement();
        if (!writeLock.tryLock()) {
            return; // busy writing a response: the socket close will end it
        }
        try {
            writer.errorResponse(fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command"));
            writer.flush();
        } catch (IOException e) {
            LOG.trace("shutdown notice not delivered", e);
        } finally {
            writeLock.unlock();
        }
    }

    void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("closing socket", e);
        }
    }

    private void sendFatal(DbException e) {
        if (closing || terminationSent) {
            return; // the client was already told why
        }
        DbException fatal = e.severity() == DbException.Severity.ERROR ? e.withSeverity(DbException.Severity.FATAL) : e;
        writeLock.lock();
        try {
            writer.errorResponse(fatal);
            writer.flush();
        } catch (IOException ioe) {
            LOG.trace("error response not delivered", ioe);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Closes after a FATAL so the client reads it: half-close, then drain what the client still
     * sends, since closing with unread input makes TCP reset the connection and drop our message.
     */
    private void hangUp() {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(DRAIN_TIMEOUT_MILLIS);
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[4096];
            int total = 0;
            int n;
            while (total < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
                total += n;
            }
        } catch (IOException e) {
            LOG.trace("drain after FATAL ended", e);
        } finally {
            closeSocket();
        }
    }

    private void closeSession() {
        Session s = session;
        session = null;
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (RuntimeException e) {
            LOG.warn("closing session {} failed", s.id(), e);
        }
    }

    private static DbException fatal(String sqlState, String message) {
        return DbException.of(sqlState, message).withSeverity(DbException.Severity.FATAL);
    }
}
