package org.rustydb.execution.internal.function;

import static org.rustydb.api.SqlType.BIGINT;
import static org.rustydb.api.SqlType.INTEGER;
import static org.rustydb.api.SqlType.TEXT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.spi.function.SqlFunction;

/**
 * PostgreSQL's functions on character codes, bytes and quoting: ascii, chr, md5, to_hex,
 * octet_length, bit_length, quote_ident, quote_literal and quote_nullable.
 */
public final class TextFunctions {
    private TextFunctions() {
    }

    static List<SqlFunction> all() {
        List<SqlFunction> f = new ArrayList<>();
        f.add(new BuiltinFunction("ascii", List.of(TEXT), INTEGER, a -> ascii((String) a[0])));
        f.add(new BuiltinFunction("chr", List.of(INTEGER), TEXT, a -> chr((Integer) a[0])));
        f.add(new BuiltinFunction("md5", List.of(TEXT), TEXT, a -> md5((String) a[0])));
        f.add(new BuiltinFunction("to_hex", List.of(INTEGER), TEXT, a -> Integer.toHexString((Integer) a[0])));
        f.add(new BuiltinFunction("to_hex", List.of(BIGINT), TEXT, a -> Long.toHexString((Long) a[0])));
        f.add(new BuiltinFunction("octet_length", List.of(TEXT), INTEGER, a -> octets((String) a[0])));
        f.add(new BuiltinFunction("bit_length", List.of(TEXT), INTEGER, a -> octets((String) a[0]) * 8));
        f.add(new BuiltinFunction("quote_ident", List.of(TEXT), TEXT, a -> Identifiers.quote((String) a[0])));
        // quote_literal(anyelement) and quote_nullable(anyelement) quote the value's text form.
        for (SqlType t : List.of(TEXT, SqlType.SMALLINT, INTEGER, BIGINT, SqlType.BOOLEAN)) {
            f.add(new BuiltinFunction("quote_literal", List.of(t), TEXT, a -> quoteLiteral(TextOutput.cast(a[0]))));
            f.add(BuiltinFunction.nonStrict("quote_nullable", List.of(t), TEXT,
                    a -> a[0] == null ? "NULL" : quoteLiteral(TextOutput.cast(a[0]))));
        }
        return f;
    }

    /** The code of the first character, 0 for the empty string. */
    static int ascii(String s) {
        return s.isEmpty() ? 0 : s.codePointAt(0);
    }

    /** The character with the given code, with PostgreSQL's checks for UTF-8. */
    static String chr(int code) {
        if (code < 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "character number must be positive");
        }
        if (code == 0) {
            throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
        }
        if (code > Character.MAX_CODE_POINT) {
            throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: %d",
                    code);
        }
        if (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE) {
            throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character not valid for encoding: %d",
                    code);
        }
        return new String(Character.toChars(code));
    }

    static String md5(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** The length in bytes of the UTF-8 form. */
    static int octets(String s) {
        int n = 0;
        for (int k = 0; k < s.length(); ) {
            int c = s.codePointAt(k);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            k += Character.charCount(c);
        }
        return n;
    }

    /**
     * A string constant for the text: single quotes doubled, and when there is a backslash, every
     * backslash doubled and an E prefix, as PostgreSQL's quote_literal writes it.
     */
    public static String quoteLiteral(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        if (s.indexOf('\\') >= 0) {
            out.append('E');
        }
        out.append('\'');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\'' || c == '\\') {
                out.append(c);
            }
            out.append(c);
        }
        return out.append('\'').toString();
    }
}
