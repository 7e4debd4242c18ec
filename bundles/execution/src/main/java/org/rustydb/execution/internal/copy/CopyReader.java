package org.rustydb.execution.internal.copy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Arrays;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * Reads COPY FROM data in text or CSV format, a line at a time, as PostgreSQL's CopyReadLine and
 * CopyReadAttributes do: the raw line first (a CSV quoted field may hold newlines), then its
 * fields. Works on bytes (delimiter, quote and escape are ASCII, so they never occur inside a
 * multi-byte character) with buffers reused from row to row; each field becomes one String.
 *
 * <p>Text format: backslash escapes ({@code \t}, {@code \n}, octal, {@code \x} hex...), the NULL
 * string compared before escapes are processed, {@code \.} alone on a line ends the data. CSV:
 * quoted fields with doubled quotes (or the ESCAPE character), the NULL string matched only
 * unquoted. The first line's end (LF, CR or CRLF) fixes the rest, as in PostgreSQL.
 */
public final class CopyReader {
    private static final int NL = 1;
    private static final int CR = 2;
    private static final int CRNL = 3;
    /** PostgreSQL's MAX_COPY_DATA_DISPLAY: longer data is cut in error contexts. */
    private static final int MAX_DISPLAY = 100;

    private final InputStream in;
    private final Charset charset;
    private final boolean csv;
    private final byte delimiter;
    private final byte quote;
    private final byte escape;
    private final byte[] nullBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean inputEnded;
    private boolean dataEnded;
    private byte[] line = new byte[1024];
    private int lineLength;
    private byte[] field = new byte[256];
    private int eol;
    private long lineNumber;
    private String[] fields = new String[16];
    /** Per field: whether it was quoted (CSV), for FORCE_NULL and FORCE_NOT_NULL. */
    private boolean[] quoted = new boolean[16];
    private int fieldCount;

    public CopyReader(InputStream in, CopyOptions options) {
        this.in = in;
        this.charset = options.encoding();
        this.csv = options.csv();
        this.delimiter = options.delimiter();
        this.quote = csv ? options.quote() : 0;
        this.escape = csv ? options.escape() : 0;
        this.nullBytes = options.nullText().getBytes(charset);
    }

    /** The number of the line last read, from 1. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The fields of the line last read; NULL fields are null. Valid up to {@link #fieldCount()}. */
    public String[] fields() {
        return fields;
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** Whether field {@code i} of the line last read was quoted (CSV only). */
    public boolean quoted(int i) {
        return quoted[i];
    }

    /** The line last read, as an error context shows it (cut after 100 characters). */
    public String lineText() {
        return display(new String(line, 0, lineLength, charset));
    }

    /** A value as an error context shows it: cut after 100 characters, with "...". */
    public static String display(String s) {
        if (s.codePointCount(0, s.length()) <= MAX_DISPLAY) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, MAX_DISPLAY)) + "...";
    }

    /**
     * Reads the next line and splits it into fields; false at the end of the data (the input's
     * end or the {@code \.} marker).
     */
    public boolean next() throws IOException {
        if (!readLine()) {
            return false;
        }
        if (csv) {
            splitCsv();
        } else {
            splitText();
        }
        return true;
    }

    /** Reads the next line without splitting it (a header line); false at the end of the data. */
    public boolean skipLine() throws IOException {
        return readLine();
    }

    /** Reads and drops whatever input follows the end marker, so the client's copy ends cleanly. */
    public void drain() throws IOException {
        byte[] scratch = buffer;
        while (in.read(scratch) >= 0) {
            // discarded, as PostgreSQL discards data after \.
        }
    }

    private int nextByte() throws IOException {
        if (position >= limit) {
            if (inputEnded) {
                return -1;
            }
            int n = in.read(buffer);
            while (n == 0) {
                n = in.read(buffer);
            }
            if (n < 0) {
                inputEnded = true;
                return -1;
            }
            position = 0;
            limit = n;
        }
        return buffer[position++] & 0xff;
    }

    private int peekByte() throws IOException {
        int b = nextByte();
        if (b >= 0) {
            position--;
        }
        return b;
    }

    private void append(int b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = (byte) b;
    }

    private boolean readLine() throws IOException {
        if (dataEnded) {
            return false;
        }
        lineLength = 0;
        boolean inQuote = false;
        boolean any = false;
        int b;
        while ((b = nextByte()) >= 0) {
            any = true;
            if (!inQuote && (b == '\n' || b == '\r')) {
                endOfLine(b);
                break;
            }
            append(b);
            if (csv) {
                if (inQuote && b == escape && escape != quote) {
                    int next = peekByte();
                    if (next == quote || next == escape) {
                        append(nextByte());
                        continue;
                    }
                }
                if (b == quote) {
                    inQuote = !inQuote;
                }
            } else if (b == '\\') {
                int next = nextByte();
                if (next >= 0) {
                    append(next);
                }
            }
        }
        if (!any) {
            dataEnded = true;
            return false;
        }
        lineNumber++;
        if (inQuote) {
            throw badFormat("unterminated CSV quoted field");
        }
        if (lineLength == 2 && line[0] == '\\' && line[1] == '.') {
            dataEnded = true;
            return false;
        }
        return true;
    }

    /** Checks the line end against the first line's, as PostgreSQL insists on one style. */
    private void endOfLine(int b) throws IOException {
        int style;
        if (b == '\n') {
            style = NL;
        } else if (peekByte() == '\n') {
            nextByte();
            style = CRNL;
        } else {
            style = CR;
        }
        if (eol == 0) {
            eol = style;
        } else if (style != eol) {
            lineNumber++;
            boolean newline = b == '\n' || (eol == CR && style == CRNL);
            throw newline
                    ? badFormat("literal newline found in data").withHint("Use \"\\n\" to represent newline.")
                    : badFormat("literal carriage return found in data")
                    .withHint("Use \"\\r\" to represent carriage return.");
        }
    }

    private DbException badFormat(String message) {
        return DbException.of(SqlState.BAD_COPY_FILE_FORMAT, message);
    }

    private void addField(String value, boolean wasQuoted) {
        if (fieldCount == fields.length) {
            fields = Arrays.copyOf(fields, fieldCount * 2);
            quoted = Arrays.copyOf(quoted, fieldCount * 2);
        }
        quoted[fieldCount] = wasQuoted;
        fields[fieldCount++] = value;
    }

    private boolean isNull(int start, int end) {
        return end - start == nullBytes.length && Arrays.equals(line, start, end, nullBytes, 0, nullBytes.length);
    }

    private void splitText() {
        fieldCount = 0;
        int i = 0;
        byte[] l = line;
        int n = lineLength;
        while (true) {
            int start = i;
            boolean escaped = false;
            while (i < n && l[i] != delimiter) {
                if (l[i] == '\\') {
                    escaped = true;
                    i++;
                }
                i++;
            }
            int end = Math.min(i, n);
            if (isNull(start, end)) {
                addField(null, false);
            } else if (!escaped) {
                addField(new String(l, start, end - start, charset), false);
            } else {
                addField(unescape(start, end), false);
            }
            if (i >= n) {
                return;
            }
            i++; // the delimiter
        }
    }

    /** A text-format field with its backslash escapes processed, as PostgreSQL's CopyReadAttributesText. */
    private String unescape(int start, int end) {
        if (field.length < end - start) {
            field = new byte[Math.max(end - start, field.length * 2)];
        }
        int out = 0;
        int i = start;
        while (i < end) {
            int c = line[i++] & 0xff;
            if (c == '\\' && i < end) {
                c = line[i++] & 0xff;
                switch (c) {
                    case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                        int v = c - '0';
                        for (int k = 0; k < 2 && i < end && line[i] >= '0' && line[i] <= '7'; k++) {
                            v = (v << 3) + (line[i++] - '0');
                        }
                        c = v & 0xff;
                    }
                    case 'x' -> {
                        if (i < end && hex(line[i]) >= 0) {
                            int v = hex(line[i++]);
                            if (i < end && hex(line[i]) >= 0) {
                                v = (v << 4) + hex(line[i++]);
                            }
                            c = v & 0xff;
                        }
                    }
                    case 'b' -> c = '\b';
                    case 'f' -> c = '\f';
                    case 'n' -> c = '\n';
                    case 'r' -> c = '\r';
                    case 't' -> c = '\t';
                    case 'v' -> c = 0x0b;
                    default -> { }
                }
            } else if (c == '\\') {
                break; // a backslash ending the line is dropped
            }
            field[out++] = (byte) c;
        }
        String s = new String(field, 0, out, charset);
        if (s.indexOf('\0') >= 0) {
            throw DbException.of(SqlState.CHARACTER_NOT_IN_REPERTOIRE,
                    "invalid byte sequence for encoding \"UTF8\": 0x00");
        }
        return s;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private void splitCsv() {
        fieldCount = 0;
        if (field.length < lineLength) {
            field = new byte[Math.max(lineLength, field.length * 2)];
        }
        int i = 0;
        int n = lineLength;
        while (true) {
            int start = i;
            int out = 0;
            boolean wasQuoted = false;
            boolean inQuote = false;
            while (i < n) {
                byte c = line[i];
                if (inQuote) {
                    if (c == escape && i + 1 < n && (line[i + 1] == quote || line[i + 1] == escape)
                            && (escape != quote || line[i + 1] == quote)) {
                        field[out++] = line[i + 1];
                        i += 2;
                        continue;
                    }
                    if (c == quote) {
                        inQuote = false;
                        i++;
                        continue;
                    }
                } else if (c == delimiter) {
                    break;
                } else if (c == quote) {
                    inQuote = true;
                    wasQuoted = true;
                    i++;
                    continue;
                }
                field[out++] = c;
                i++;
            }
            if (!wasQuoted && isNull(start, i)) {
                addField(null, false);
            } else {
                addField(new String(field, 0, out, charset), wasQuoted);
            }
            if (i >= n) {
                return;
            }
            i++; // the delimiter
        }
    }
}
