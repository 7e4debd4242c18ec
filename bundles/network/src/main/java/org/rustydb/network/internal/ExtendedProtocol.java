package org.rustydb.network.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.Map;

import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.PreparedStatement;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.api.TransactionStatus;
import org.rustydb.api.ValueText;

/**
 * The extended query protocol of one connection: named and unnamed prepared statements and
 * portals, Parse, Bind, Describe, Execute and Close, and Sync's end of the implicit transaction.
 *
 * <p>As in PostgreSQL, the messages up to a Sync run in one implicit transaction when no block is
 * open: the first Execute opens a block, Sync commits it (or rolls it back after an error), and a
 * BEGIN among the messages makes it the client's own block. A portal suspended by Execute's row
 * limit keeps the rest of its rows in memory (the session closes a result once its sink returns)
 * until a later Execute sends them or its transaction ends.
 */
final class ExtendedProtocol {
    private static final char PARSE_COMPLETE = '1';
    private static final char BIND_COMPLETE = '2';
    private static final char CLOSE_COMPLETE = '3';
    private static final char NO_DATA = 'n';
    private static final char PORTAL_SUSPENDED = 's';

    /** A statement made by Parse, with the parameter type OIDs Describe reports and Bind decodes by. */
    private record Statement(PreparedStatement prepared, int[] parameterOids) {
    }

    /** A portal made by Bind; its rows, once it ran, wait in {@link #rows} for later Executes. */
    private static final class Portal {
        final Statement statement;
        final List<String> parameters;
        final ResultFormats formats;
        boolean ran;
        boolean suspended;
        boolean completed;
        boolean returnsRows;
        List<Column> columns;
        /** Rows run but not sent yet (null before it ran). */
        RowSpool rows;
        String tag;

        Portal(Statement statement, List<String> parameters, ResultFormats formats) {
            this.statement = statement;
            this.parameters = parameters;
            this.formats = formats;
        }

        void close() {
            if (rows != null) {
                rows.close();
            }
        }
    }

    private final MessageWriter writer;
    private final CopyProtocol copy;
    private final SyncLookahead syncIsNext;
    private final Map<String, Statement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private Session session;
    /** The block the first Execute since Sync opened, which Sync ends. */
    private boolean implicitBlock;
    private boolean failedSinceSync;
    private IOException writeFailure;

    ExtendedProtocol(MessageWriter writer, CopyProtocol copy, SyncLookahead syncIsNext) {
        this.writer = writer;
        this.copy = copy;
        this.syncIsNext = syncIsNext;
    }

    /** Whether the client's next message, already received, is a Sync. */
    interface SyncLookahead {
        boolean check() throws IOException;
    }

    void attach(Session s) {
        this.session = s;
    }

    /** The failure of a write to the client during the last call, if any: the connection is gone. */
    IOException writeFailure() {
        return writeFailure;
    }

    /** Handles Parse, Bind, Describe, Execute or Close; a DbException is the client's error. */
    void handle(char type, Payload payload) throws IOException {
        writeFailure = null;
        try {
            switch (type) {
                case 'P' -> parse(payload);
                case 'B' -> bind(payload);
                case 'D' -> describe(payload);
                case 'E' -> execute(payload);
                case 'C' -> close(payload);
                default -> throw new IllegalArgumentException("not an extended-protocol message: " + type);
            }
        } catch (DbException | UncheckedIOException e) {
            failedSinceSync = true;
            throw e;
        }
    }

    /** A simple Query drops the unnamed statement and portal, and first ends an implicit block. */
    void beforeSimpleQuery() {
        statements.remove("");
        dropPortal("");
        endImplicitBlock();
    }

    /**
     * Sync: ends the implicit block (commit, or rollback after an error) and drops the portals of a
     * transaction that ended.
     *
     * @throws DbException when the commit fails; the block is gone all the same
     */
    void sync() {
        try {
            endImplicitBlock();
        } finally {
            failedSinceSync = false;
            if (session.transactionStatus() == TransactionStatus.IDLE) {
                dropAllPortals();
            }
        }
    }

    private void endImplicitBlock() {
        if (!implicitBlock) {
            return;
        }
        implicitBlock = false;
        boolean commit = !failedSinceSync && session.transactionStatus() == TransactionStatus.IN_TRANSACTION;
        session.executeOnBehalf(commit ? "COMMIT" : "ROLLBACK", result -> { });
    }

    private void parse(Payload payload) throws IOException {
        String name = payload.readCString();
        String sql = payload.readCString();
        int count = payload.readInt16();
        if (count < 0) {
            throw DbException.of(SqlState.PROTOCOL_VIOLATION, "invalid number of parameter types: %d", count);
        }
        int[] declared = new int[count];
        for (int i = 0; i < count; i++) {
            declared[i] = payload.readInt32();
        }
        payload.requireEnd();
        if (name.isEmpty()) {
            statements.remove("");
        } else if (statements.containsKey(name)) {
            throw DbException.of(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"%s\" already exists",
                    name);
        }
        List<SqlType> types = new ArrayList<>(count);
        for (int oid : declared) {
            types.add(declaredType(oid));
        }
        // Parse runs in the implicit transaction too, so that a statement prepared and executed before
        // one Sync binds and runs in the same transaction, as in PostgreSQL
        openImplicitBlock(firstKeyword(sql));
        PreparedStatement prepared = session.prepare(sql, types);
        List<SqlType> resolved = prepared.parameterTypes();
        int[] oids = new int[resolved.size()];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = i < count && declared[i] != 0 && declared[i] != SqlType.UNKNOWN.oid() ? declared[i]
                    : resolved.get(i).oid();
        }
        statements.put(name, new Statement(prepared, oids));
        writer.bare(PARSE_COMPLETE);
    }

    /** The type a Parse message's OID declares; unspecified (0) and unknown leave it to be deduced. */
    private static SqlType declaredType(int oid) {
        if (oid == 0 || oid == SqlType.UNKNOWN.oid()) {
            return SqlType.UNKNOWN;
        }
        if (oid == BinaryCodec.OID_NAME) {
            return SqlType.TEXT;
        }
        if (oid == BinaryCodec.OID_OID) {
            return SqlType.BIGINT;
        }
        SqlType type = BinaryCodec.typeOf(oid);
        if (type == null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "parameters of type OID %d are not supported",
                    oid);
        }
        return type;
    }

    private void bind(Payload payload) throws IOException {
        String portalName = payload.readCString();
        String statementName = payload.readCString();
        int formatCount = payload.readInt16();
        short[] parameterFormats = new short[Math.max(0, formatCount)];
        for (int i = 0; i < parameterFormats.length; i++) {
            parameterFormats[i] = payload.readInt16();
        }
        int count = payload.readInt16();
        List<byte[]> values = new ArrayList<>(Math.max(0, count));
        for (int i = 0; i < count; i++) {
            int length = payload.readInt32();
            values.add(length == -1 ? null : payload.readBytes(length));
        }
        int resultFormatCount = payload.readInt16();
        short[] resultFormats = new short[Math.max(0, resultFormatCount)];
        for (int i = 0; i < resultFormats.length; i++) {
            resultFormats[i] = payload.readInt16();
        }
        payload.requireEnd();

        Statement statement = statement(statementName);
        if (portalName.isEmpty()) {
            dropPortal("");
        } else if (portals.containsKey(portalName)) {
            throw DbException.of(SqlState.DUPLICATE_CURSOR, "cursor \"%s\" already exists", portalName);
        }
        if (parameterFormats.length > 1 && parameterFormats.length != count) {
            throw DbException.of(SqlState.PROTOCOL_VIOLATION, "bind message has %d parameter formats but %d parameters",
                    parameterFormats.length, count);
        }
        int expected = statement.parameterOids().length;
        if (count != expected) {
            throw DbException.of(SqlState.PROTOCOL_VIOLATION,
                    "bind message supplies %d parameters, but prepared statement \"%s\" requires %d", count,
                    statementName, expected);
        }
        ResultFormats formats = new ResultFormats(resultFormats);
        List<Column> columns = statement.prepared().columns();
        if (columns != null) {
            formats.check(columns.size());
        }
        List<String> parameters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] value = values.get(i);
            int format = parameterFormats.length == 0 ? 0 : parameterFormats[parameterFormats.length == 1 ? 0 : i];
            if (format != 0 && format != 1) {
                throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: %d", format);
            }
            if (value == null) {
                parameters.add(null);
            } else if (format == 1) {
                parameters.add(BinaryCodec.decode(value, statement.parameterOids()[i], i + 1));
            } else {
                parameters.add(Payload.decodeUtf8(value, 0, value.length));
            }
        }
        portals.put(portalName, new Portal(statement, parameters, formats));
        writer.bare(BIND_COMPLETE);
    }

    private Statement statement(String name) {
        Statement statement = statements.get(name);
        if (statement == null) {
            throw name.isEmpty()
                    ? DbException.of(SqlState.UNDEFINED_PREPARED_STATEMENT, "unnamed prepared statement does not exist")
                    : DbException.of(SqlState.UNDEFINED_PREPARED_STATEMENT, "prepared statement \"%s\" does not exist",
                            name);
        }
        return statement;
    }

    private Portal portal(String name) {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw DbException.of(SqlState.INVALID_CURSOR_NAME, "portal \"%s\" does not exist", name);
        }
        return portal;
    }

    private void describe(Payload payload) throws IOException {
        byte kind = payload.readByte();
        String name = payload.readCString();
        payload.requireEnd();
        if (kind == 'S') {
            Statement statement = statement(name);
            writer.parameterDescription(statement.parameterOids());
            List<Column> columns = statement.prepared().columns();
            if (columns == null || columns.isEmpty()) {
                writer.bare(NO_DATA);
            } else {
                writer.rowDescription(columns);
            }
        } else if (kind == 'P') {
            Portal portal = portal(name);
            List<Column> columns = portal.statement.prepared().columns();
            if (columns == null && !portal.ran) {
                // Only running it tells what it returns (SHOW, EXPLAIN...): run it now, send later.
                run(portal, 0, false);
            }
            if (portal.ran) {
                columns = portal.returnsRows ? portal.columns : null;
            }
            if (columns == null || columns.isEmpty() && !portal.returnsRows) {
                writer.bare(NO_DATA);
            } else {
                portal.formats.check(columns.size());
                writer.rowDescription(columns, portal.formats);
            }
        } else {
            throw DbException.of(SqlState.PROTOCOL_VIOLATION, "invalid DESCRIBE message subtype %d", kind);
        }
    }

    private void execute(Payload payload) throws IOException {
        String name = payload.readCString();
        int maxRows = payload.readInt32();
        payload.requireEnd();
        Portal portal = portal(name);
        if (!portal.ran) {
            run(portal, maxRows, true);
        } else {
            sendRows(portal, maxRows);
        }
        if (session.transactionStatus() == TransactionStatus.IDLE) {
            implicitBlock = false; // a COMMIT or ROLLBACK ended the block
        }
    }

    /**
     * Runs the portal's statement; with {@code send}, sends up to {@code maxRows} rows (0: all) and
     * keeps the rest, else keeps them all.
     */
    private void run(Portal portal, int maxRows, boolean send) throws IOException {
        String sql = portal.statement.prepared().sql();
        String keyword = firstKeyword(sql);
        boolean begin = keyword.equals("BEGIN") || keyword.equals("START");
        // an Execute right before Sync is the implicit transaction's only statement: it runs as
        // one on its own (its commit or rollback is what the block's would be), without the
        // BEGIN and COMMIT the block costs; with more to come, the block holds them together
        if (!(send && implicitBlockNotYetOpen() && syncIsNext.check())) {
            openImplicitBlock(keyword);
        }
        if (implicitBlock) {
            refuseOutsideBlock(sql, keyword);
        }
        boolean convertsImplicit = begin && implicitBlock;
        ZoneId[] zone = {null};
        int[] sent = {0};
        session.execute(portal.statement.prepared(), portal.parameters, new ResultSink() {
            @Override
            public void accept(Result result) {
                portal.returnsRows = result.returnsRows();
                portal.columns = result.columns();
                portal.rows = new RowSpool(RowSpool.DEFAULT_MEMORY_BYTES);
                try {
                    if (result.returnsRows()) {
                        portal.formats.check(result.columns().size());
                        zone[0] = zone();
                        Object[] row;
                        while ((row = result.next()) != null) {
                            if (send && (maxRows <= 0 || sent[0] < maxRows)) {
                                writer.dataRow(result.columns(), row, zone[0], portal.formats);
                                sent[0]++;
                            } else {
                                portal.rows.add(writer.encodedDataRow(result.columns(), row, zone[0], portal.formats));
                            }
                        }
                    }
                    portal.tag = result.commandTag();
                } catch (IOException e) {
                    writeFailure = e;
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public java.util.Optional<org.rustydb.api.CopyChannel> copyChannel() {
                return send ? java.util.Optional.of(copy) : java.util.Optional.empty();
            }

            @Override
            public void notice(Notice notice) {
                if (convertsImplicit && SqlState.ACTIVE_SQL_TRANSACTION.equals(notice.sqlState())) {
                    return; // BEGIN turns the implicit block into the client's own, silently as in PostgreSQL
                }
                try {
                    writer.noticeResponse(notice);
                } catch (IOException e) {
                    writeFailure = e;
                    throw new UncheckedIOException(e);
                }
            }
        });
        portal.ran = true;
        if (convertsImplicit) {
            implicitBlock = false;
        }
        if (portal.tag == null) {
            if (send) {
                writer.emptyQueryResponse();
            }
            portal.tag = "";
            return;
        }
        if (send) {
            finish(portal, !portal.rows.isEmpty(), sent[0]);
        }
    }

    /** Sends the kept rows of a portal that ran, up to {@code maxRows} (0: all). */
    private void sendRows(Portal portal, int maxRows) throws IOException {
        if (portal.tag.isEmpty()) {
            writer.emptyQueryResponse();
            return;
        }
        int sent = 0;
        if (portal.returnsRows && !portal.rows.isEmpty()) {
            while (!portal.rows.isEmpty() && (maxRows <= 0 || sent < maxRows)) {
                writer.encoded(portal.rows.poll());
                sent++;
            }
        }
        finish(portal, !portal.rows.isEmpty(), sent);
    }

    /**
     * PortalSuspended while rows remain, else CommandComplete; a query's tag then counts the rows
     * this Execute sent, as PostgreSQL's does for a portal run in pieces.
     */
    private void finish(Portal portal, boolean suspended, int sent) throws IOException {
        boolean query = portal.returnsRows && portal.tag.startsWith("SELECT ");
        if (suspended) {
            portal.suspended = true;
            writer.bare(PORTAL_SUSPENDED);
        } else if (query && (portal.suspended || portal.completed)) {
            writer.commandComplete("SELECT " + sent);
        } else {
            writer.commandComplete(portal.tag);
        }
        portal.completed |= !suspended;
    }

    private ZoneId zone() {
        return ValueText.zoneOf(session.setting("TimeZone"));
    }

    private void close(Payload payload) throws IOException {
        byte kind = payload.readByte();
        String name = payload.readCString();
        payload.requireEnd();
        if (kind == 'S') {
            statements.remove(name);
        } else if (kind == 'P') {
            dropPortal(name);
        } else {
            throw DbException.of(SqlState.PROTOCOL_VIOLATION, "invalid CLOSE message subtype %d", kind);
        }
        writer.bare(CLOSE_COMPLETE);
    }

    private void dropPortal(String name) {
        Portal portal = portals.remove(name);
        if (portal != null) {
            portal.close();
        }
    }

    private void dropAllPortals() {
        portals.values().forEach(Portal::close);
        portals.clear();
    }

    /** The connection ends: kept rows and their files go. */
    void close() {
        dropAllPortals();
        statements.clear();
    }

    /** Opens the implicit block unless one is open or the statement must not run inside one. */
    private boolean implicitBlockNotYetOpen() {
        return !implicitBlock && session.transactionStatus() == TransactionStatus.IDLE;
    }

    private void openImplicitBlock(String keyword) {
        if (session.transactionStatus() == TransactionStatus.IDLE && !transactionControl(keyword)
                && !keyword.equals("VACUUM")) {
            session.executeOnBehalf("BEGIN", result -> { });
            implicitBlock = true;
        }
    }

    /**
     * The implicit block is no transaction block to commands that only make sense in one: they
     * fail with 25P01 as outside any block, as in PostgreSQL (whose extended protocol runs them in
     * a started transaction, not a block).
     */
    private static final Pattern ROLLBACK_TO =
            Pattern.compile("\\bROLLBACK\\s+(?:(?:WORK|TRANSACTION)\\s+)?TO\\b", Pattern.CASE_INSENSITIVE);

    private static void refuseOutsideBlock(String sql, String keyword) {
        String command = switch (keyword) {
            case "LOCK" -> "LOCK TABLE";
            case "SAVEPOINT" -> "SAVEPOINT";
            case "RELEASE" -> "RELEASE SAVEPOINT";
            case "ROLLBACK" -> ROLLBACK_TO.matcher(sql).find() ? "ROLLBACK TO SAVEPOINT" : null;
            default -> null;
        };
        if (command != null) {
            throw DbException.of(SqlState.NO_ACTIVE_SQL_TRANSACTION, "%s can only be used in transaction blocks", command);
        }
    }

    private static boolean transactionControl(String keyword) {
        return switch (keyword) {
            case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "PREPARE" -> true;
            default -> false;
        };
    }

    /** The statement's first word in upper case, past blanks and comments. */
    static String firstKeyword(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(' || c == ';') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }
}
