package org.rustydb.execution.internal.types;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;

/** bytea, uuid and character(n): input and the padding rules of character(n). */
public final class MiscValues {
    private MiscValues() {
    }

    /** byteain: {@code \x} then hex digit pairs (whitespace between pairs allowed), or the escape format. */
    public static byte[] parseBytea(String text) {
        if (text.startsWith("\\x")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int i = 2;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    i++;
                    continue;
                }
                int high = hex(c);
                if (i + 1 >= text.length()) {
                    throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
                }
                int low = hex(text.charAt(i + 1));
                out.write(high << 4 | low);
                i += 2;
            }
            return out.toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b != '\\') {
                out.write(b);
            } else if (i + 1 < utf8.length && utf8[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < utf8.length && octal(utf8[i + 1]) && utf8[i + 1] <= '3' && octal(utf8[i + 2])
                    && octal(utf8[i + 3])) {
                out.write((utf8[i + 1] - '0') << 6 | (utf8[i + 2] - '0') << 3 | (utf8[i + 3] - '0'));
                i += 3;
            } else {
                throw DbException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static boolean octal(byte b) {
        return b >= '0' && b <= '7';
    }

    private static int hex(char c) {
        int v = Character.digit(c, 16);
        if (v < 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"%s\"", String.valueOf(c));
        }
        return v;
    }

    /** uuid_in: 32 hex digits, optionally in braces, with a hyphen allowed after any group of four. */
    public static UUID parseUuid(String text) {
        String s = text;
        if (s.startsWith("{") && s.endsWith("}") && s.length() > 2) {
            s = s.substring(1, s.length() - 1);
        }
        StringBuilder digits = new StringBuilder(32);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' && digits.length() % 4 == 0 && digits.length() > 0 && digits.length() < 32
                    && i + 1 < s.length() && s.charAt(i + 1) != '-') {
                continue;
            }
            if (Character.digit(c, 16) < 0 || digits.length() == 32) {
                throw NumericValues.invalidSyntax(SqlType.UUID, text);
            }
            digits.append(c);
        }
        if (digits.length() != 32) {
            throw NumericValues.invalidSyntax(SqlType.UUID, text);
        }
        return new UUID(Long.parseUnsignedLong(digits.substring(0, 16), 16),
                Long.parseUnsignedLong(digits.substring(16), 16));
    }

    /**
     * character(n): pads to n; a longer value fails with 22001 unless only spaces are cut or the
     * cast is explicit. Without n the value is kept as is.
     */
    public static String applyCharLength(String text, int length, boolean explicit) {
        if (length < 0) {
            return text;
        }
        int chars = text.codePointCount(0, text.length());
        if (chars > length) {
            int cut = text.offsetByCodePoints(0, length);
            if (!explicit && !text.substring(cut).chars().allMatch(c -> c == ' ')) {
                throw DbException.of(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type character(%d)",
                        length);
            }
            return text.substring(0, cut);
        }
        return chars == length ? text : text + " ".repeat(length - chars);
    }

    /** The value of a character(n) without its trailing spaces, as it converts to text. */
    public static String trimTrailing(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
