package org.rustydb.network.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.rustydb.api.Column;
import org.rustydb.api.SqlType;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;

/**
 * Writes backend messages. Each message is assembled in a reusable buffer so that its length word
 * is known before it is written; the stream underneath is buffered, and nothing reaches the client
 * until {@link #flush()}. Not thread-safe: one connection thread writes, or whoever holds its lock.
 */
final class MessageWriter {
    private static final int INITIAL_BUFFER = 1024;
    /** A buffer grown beyond this by one big row is dropped afterwards instead of kept. */
    private static final int RETAINED_BUFFER = 1 << 20;

    private final OutputStream out;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int length;

    MessageWriter(OutputStream out) {
        this.out = out;
    }

    /** A bare byte, the answer to SSLRequest and GSSENCRequest. */
    void rawByte(char b) throws IOException {
        out.write(b);
    }

    void authenticationOk() throws IOException {
        begin('R');
        int32(0);
        end();
    }

    /** AuthenticationCleartextPassword. */
    void authenticationCleartextPassword() throws IOException {
        begin('R');
        int32(3);
        end();
    }

    /** AuthenticationMD5Password with its 4-byte salt. */
    void authenticationMd5Password(byte[] salt) throws IOException {
        begin('R');
        int32(5);
        bytes(salt);
        end();
    }

    /** AuthenticationSASL with the mechanisms offered. */
    void authenticationSasl(List<String> mechanisms) throws IOException {
        begin('R');
        int32(10);
        for (String mechanism : mechanisms) {
            cstring(mechanism);
        }
        byte1((char) 0);
        end();
    }

    /** AuthenticationSASLContinue (11) or AuthenticationSASLFinal (12) with the server's SASL data. */
    void authenticationSaslData(int code, byte[] data) throws IOException {
        begin('R');
        int32(code);
        bytes(data);
        end();
    }

    void parameterStatus(String name, String value) throws IOException {
        begin('S');
        cstring(name);
        cstring(value);
        end();
    }

    void backendKeyData(int processId, int secretKey) throws IOException {
        begin('K');
        int32(processId);
        int32(secretKey);
        end();
    }

    /** Tells a client that asked for a newer minor version or for protocol options what it gets. */
    void negotiateProtocolVersion(int version, List<String> unsupportedOptions) throws IOException {
        begin('v');
        int32(version);
        int32(unsupportedOptions.size());
        for (String option : unsupportedOptions) {
            cstring(option);
        }
        end();
    }

    void readyForQuery(char transactionStatus) throws IOException {
        begin('Z');
        byte1(transactionStatus);
        end();
    }

    void rowDescription(List<Column> columns) throws IOException {
        rowDescription(columns, ResultFormats.TEXT);
    }

    /** RowDescription with each column's format code (0 text, 1 binary). */
    void rowDescription(List<Column> columns, ResultFormats formats) throws IOException {
        begin('T');
        int16(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            cstring(c.name());
            int32(0); // table oid: results are not traced back to tables
            int16(0); // column attribute number
            int32(c.type().oid());
            int16(c.type().length());
            int32(wireTypeModifier(c));
            int16(formats.binary(i) ? 1 : 0);
        }
        end();
    }

    /**
     * PostgreSQL's atttypmod: for character types the declared length, for numeric
     * {@code (precision << 16) | scale}, plus the 4-byte header.
     */
    private static int wireTypeModifier(Column c) {
        int modifier = c.typeModifier();
        boolean headed = c.type() == SqlType.VARCHAR || c.type() == SqlType.CHAR || c.type() == SqlType.NUMERIC;
        return modifier >= 0 && headed ? modifier + 4 : modifier;
    }

    /** One row in text format; SQL NULL is length -1. */
    void dataRow(List<Column> columns, Object[] row) throws IOException {
        dataRow(columns, row, java.time.ZoneOffset.UTC);
    }

    /** One row in text format, timestamps with time zone shown in {@code zone}. */
    void dataRow(List<Column> columns, Object[] row, java.time.ZoneId zone) throws IOException {
        dataRow(columns, row, zone, ResultFormats.TEXT);
    }

    /** One row, each column in its format, timestamps with time zone shown in {@code zone} in text. */
    void dataRow(List<Column> columns, Object[] row, java.time.ZoneId zone, ResultFormats formats)
            throws IOException {
        buildDataRow(columns, row, zone, formats);
        end();
    }

    /** One row as a whole DataRow message, not written: for rows a portal keeps for later Executes. */
    byte[] encodedDataRow(List<Column> columns, Object[] row, java.time.ZoneId zone, ResultFormats formats) {
        buildDataRow(columns, row, zone, formats);
        fillLength();
        byte[] message = Arrays.copyOf(buffer, length);
        dropLargeBuffer();
        return message;
    }

    /** A message encoded earlier (see {@link #encodedDataRow}). */
    void encoded(byte[] message) throws IOException {
        out.write(message);
    }

    private void buildDataRow(List<Column> columns, Object[] row, java.time.ZoneId zone, ResultFormats formats) {
        if (row.length != columns.size()) {
            throw new IllegalStateException(
                    "row has " + row.length + " values but the result has " + columns.size() + " columns");
        }
        begin('D');
        int16(row.length);
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                int32(-1);
            } else {
                byte[] value = formats.binary(i) ? BinaryCodec.encode(row[i], columns.get(i).type(), zone)
                        : TextEncoder.encode(row[i], columns.get(i).type(), zone);
                int32(value.length);
                bytes(value);
            }
        }
    }

    /** CopyInResponse ('G') or CopyOutResponse ('H'): text format, every column in text. */
    void copyResponse(char type, int columns) throws IOException {
        begin(type);
        byte1((char) 0);
        int16(columns);
        for (int i = 0; i < columns; i++) {
            int16(0);
        }
        end();
    }

    /** CopyData: written straight through, without going through the message buffer. */
    void copyData(byte[] data, int offset, int count) throws IOException {
        length = 0;
        byte1('d');
        int32(count + 4);
        out.write(buffer, 0, length);
        out.write(data, offset, count);
    }

    void commandComplete(String tag) throws IOException {
        begin('C');
        cstring(tag);
        end();
    }

    /** ParseComplete, BindComplete, CloseComplete, NoData or PortalSuspended: a bare message type. */
    void bare(char type) throws IOException {
        begin(type);
        end();
    }

    void parameterDescription(int[] oids) throws IOException {
        begin('t');
        int16(oids.length);
        for (int oid : oids) {
            int32(oid);
        }
        end();
    }

    void emptyQueryResponse() throws IOException {
        begin('I');
        end();
    }

    /** ErrorResponse with the fields PostgreSQL sends for the parts that are present. */
    void errorResponse(DbException e) throws IOException {
        begin('E');
        field('S', e.severity().name());
        field('V', e.severity().name());
        field('C', e.sqlState());
        field('M', e.getMessage());
        if (e.detail() != null) {
            field('D', e.detail());
        }
        if (e.hint() != null) {
            field('H', e.hint());
        }
        if (e.position() > 0) {
            field('P', Integer.toString(e.position()));
        }
        if (e.context() != null) {
            field('W', e.context());
        }
        byte1((char) 0);
        end();
    }

    void noticeResponse(Notice notice) throws IOException {
        begin('N');
        field('S', notice.severity().name());
        field('V', notice.severity().name());
        field('C', notice.sqlState());
        field('M', notice.message());
        if (notice.detail() != null) {
            field('D', notice.detail());
        }
        if (notice.hint() != null) {
            field('H', notice.hint());
        }
        byte1((char) 0);
        end();
    }

    void flush() throws IOException {
        out.flush();
    }

    private void field(char code, String value) {
        byte1(code);
        cstring(value);
    }

    private void begin(char type) {
        length = 0;
        byte1(type);
        int32(0); // length word, filled in by end()
    }

    private void end() throws IOException {
        fillLength();
        out.write(buffer, 0, length);
        dropLargeBuffer();
    }

    private void fillLength() {
        int messageLength = length - 1;
        buffer[1] = (byte) (messageLength >>> 24);
        buffer[2] = (byte) (messageLength >>> 16);
        buffer[3] = (byte) (messageLength >>> 8);
        buffer[4] = (byte) messageLength;
    }

    private void dropLargeBuffer() {
        if (buffer.length > RETAINED_BUFFER) {
            buffer = new byte[INITIAL_BUFFER];
        }
    }

    private void byte1(char b) {
        ensure(1);
        buffer[length++] = (byte) b;
    }

    private void int16(int v) {
        ensure(2);
        buffer[length++] = (byte) (v >>> 8);
        buffer[length++] = (byte) v;
    }

    private void int32(int v) {
        ensure(4);
        buffer[length++] = (byte) (v >>> 24);
        buffer[length++] = (byte) (v >>> 16);
        buffer[length++] = (byte) (v >>> 8);
        buffer[length++] = (byte) v;
    }

    /** A protocol string; NUL would end it early, so an embedded one is shown escaped instead. */
    private void cstring(String s) {
        String safe = s.indexOf('\0') < 0 ? s : s.replace("\0", "\\0");
        bytes(safe.getBytes(StandardCharsets.UTF_8));
        byte1((char) 0);
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buffer, length, b.length);
        length += b.length;
    }

    private void ensure(int more) {
        long needed = (long) length + more;
        if (needed > buffer.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("backend message too large: " + needed + " bytes");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, 2L * buffer.length)));
        }
    }
}
