package org.rustydb.execution.internal.parser;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/** Decodes the backslash escapes of PostgreSQL's escape string constants (E'...'). */
final class EscapeStrings {
    private EscapeStrings() {
    }

    /**
     * Decodes the escape at {@code at} (a backslash) into {@code out}.
     *
     * @return the offset after the escape
     */
    static int decode(String sql, int at, StringBuilder out, int tokenStart) {
        int i = at + 1;
        if (i >= sql.length()) {
            return i; // the caller reports the unterminated string
        }
        char c = sql.charAt(i);
        switch (c) {
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u', 'U' -> {
                int digits = c == 'u' ? 4 : 8;
                if (i + 1 + digits > sql.length() || !allHex(sql, i + 1, i + 1 + digits)) {
                    throw DbException.of(SqlState.SYNTAX_ERROR, "invalid Unicode escape")
                            .withHint("Unicode escapes must be \\uXXXX or \\UXXXXXXXX.")
                            .withPosition(Positions.of(sql, at));
                }
                int cp = (int) Long.parseLong(sql.substring(i + 1, i + 1 + digits), 16);
                if (cp <= 0 || !Character.isValidCodePoint(cp)) {
                    throw DbException.of(SqlState.SYNTAX_ERROR, "invalid Unicode escape value")
                            .withPosition(Positions.of(sql, at));
                }
                out.appendCodePoint(cp);
                return i + 1 + digits;
            }
            default -> {
                if (isOctal(c) || (c == 'x' && i + 1 < sql.length() && Character.digit(sql.charAt(i + 1), 16) >= 0)) {
                    return decodeBytes(sql, at, out);
                }
                out.append(c);
            }
        }
        return i + 1;
    }

    /** Octal and hex escapes give bytes; a run of them is decoded together as UTF-8. */
    private static int decodeBytes(String sql, int at, StringBuilder out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = at;
        while (i + 1 < sql.length() && sql.charAt(i) == '\\') {
            char c = sql.charAt(i + 1);
            int j = i + 1;
            int value;
            if (isOctal(c)) {
                int end = j;
                while (end < sql.length() && end < j + 3 && isOctal(sql.charAt(end))) {
                    end++;
                }
                value = Integer.parseInt(sql.substring(j, end), 8) & 0xFF;
                i = end;
            } else if (c == 'x' && j + 1 < sql.length() && Character.digit(sql.charAt(j + 1), 16) >= 0) {
                int end = j + 1;
                while (end < sql.length() && end < j + 3 && Character.digit(sql.charAt(end), 16) >= 0) {
                    end++;
                }
                value = Integer.parseInt(sql.substring(j + 1, end), 16);
                i = end;
            } else {
                break;
            }
            bytes.write(value);
        }
        byte[] raw = bytes.toByteArray();
        try {
            for (byte b : raw) {
                if (b == 0) {
                    throw new CharacterCodingException();
                }
            }
            out.append(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)));
        } catch (CharacterCodingException e) {
            StringBuilder hex = new StringBuilder();
            for (byte b : raw) {
                hex.append(hex.length() == 0 ? "0x" : " 0x").append(String.format("%02x", b & 0xFF));
            }
            throw DbException.of(SqlState.CHARACTER_NOT_IN_REPERTOIRE,
                    "invalid byte sequence for encoding \"UTF8\": " + hex);
        }
        return i;
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private static boolean allHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
