package org.rustydb.execution.internal.copy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes COPY TO rows in text or CSV format, byte for byte as PostgreSQL's CopyAttributeOutText
 * and CopyAttributeOutCSV do. Each row goes to the stream in one write, so that a front end can
 * send it as one CopyData message, as PostgreSQL does.
 */
public final class CopyWriter {
    private final OutputStream out;
    private final Charset charset;
    private final boolean csv;
    private final char delimiter;
    private final char quote;
    private final char escape;
    private final String nullText;
    private final boolean[] forceQuote;
    private byte[] row = new byte[256];
    private int length;

    /**
     * @param forceQuote per column, whether CSV quotes every non-NULL value (FORCE_QUOTE)
     */
    public CopyWriter(OutputStream out, CopyOptions options, boolean[] forceQuote) {
        this.out = out;
        this.charset = options.encoding();
        this.csv = options.csv();
        this.delimiter = (char) options.delimiter();
        this.quote = csv ? (char) options.quote() : 0;
        this.escape = csv ? (char) options.escape() : 0;
        this.nullText = options.nullText();
        this.forceQuote = forceQuote;
    }

    /** Writes one row: each value's text (as {@code ValueText} formats it) or null for NULL. */
    public void writeRow(String[] values) throws IOException {
        length = 0;
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put(delimiter);
            }
            String v = values[i];
            if (v == null) {
                putString(nullText);
            } else if (csv) {
                csvValue(v, forceQuote[i], values.length == 1);
            } else {
                textValue(v);
            }
        }
        put('\n');
        out.write(row, 0, length);
    }

    /** The header line: the column names, written as values. */
    public void writeHeader(String[] names) throws IOException {
        boolean[] saved = Arrays.copyOf(forceQuote, forceQuote.length);
        Arrays.fill(forceQuote, false);
        try {
            writeRow(names);
        } finally {
            System.arraycopy(saved, 0, forceQuote, 0, saved.length);
        }
    }

    private void textValue(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20) {
                switch (c) {
                    case '\b' -> putEscape('b');
                    case '\f' -> putEscape('f');
                    case '\n' -> putEscape('n');
                    case '\r' -> putEscape('r');
                    case '\t' -> putEscape('t');
                    case 0x0b -> putEscape('v');
                    default -> {
                        if (c == delimiter) {
                            putEscape(c);
                        } else {
                            put(c);
                        }
                    }
                }
            } else if (c == '\\' || c == delimiter) {
                putEscape(c);
            } else if (c < 0x80) {
                put(c);
            } else {
                int end = i + 1;
                while (end < v.length() && v.charAt(end) >= 0x80) {
                    end++;
                }
                putString(v.substring(i, end));
                i = end - 1;
            }
        }
    }

    private void csvValue(String v, boolean force, boolean single) {
        boolean quoted = force || v.equals(nullText) || (single && v.equals("\\."));
        if (!quoted) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == delimiter || c == quote || c == '\n' || c == '\r') {
                    quoted = true;
                    break;
                }
            }
        }
        if (!quoted) {
            putString(v);
            return;
        }
        put(quote);
        int from = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == quote || c == escape) {
                putString(v.substring(from, i));
                put(escape);
                from = i;
            }
        }
        putString(v.substring(from));
        put(quote);
    }

    private void putEscape(char c) {
        put('\\');
        put(c);
    }

    private void put(char c) {
        if (length == row.length) {
            row = Arrays.copyOf(row, row.length * 2);
        }
        row[length++] = (byte) c;
    }

    private void putString(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            for (int i = 0; i < s.length(); i++) {
                put(s.charAt(i));
            }
            return;
        }
        byte[] bytes = s.getBytes(charset == null ? StandardCharsets.UTF_8 : charset);
        if (length + bytes.length > row.length) {
            row = Arrays.copyOf(row, Math.max(row.length * 2, length + bytes.length));
        }
        System.arraycopy(bytes, 0, row, length, bytes.length);
        length += bytes.length;
    }
}
