package org.rustydb.execution.internal.settings;

import java.util.Locale;
import java.util.Map;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * client_encoding values. Names and aliases are PostgreSQL's (matched ignoring case and
 * punctuation, so {@code utf-8} is UTF8). Text travels as UTF-8 only: UTF8 and SQL_ASCII (no
 * conversion) are accepted, and any other encoding PostgreSQL knows is refused the way PostgreSQL
 * refuses an encoding it cannot convert to (0A000); an unknown name is 22023.
 */
final class ClientEncodings {
    /** PostgreSQL's encoding names (letters and digits only, lower case) and the encoding they name. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("abc", "WIN1258"),
            Map.entry("alt", "WIN866"),
            Map.entry("big5", "BIG5"),
            Map.entry("euccn", "EUC_CN"),
            Map.entry("eucjis2004", "EUC_JIS_2004"),
            Map.entry("eucjp", "EUC_JP"),
            Map.entry("euckr", "EUC_KR"),
            Map.entry("euctw", "EUC_TW"),
            Map.entry("gb18030", "GB18030"),
            Map.entry("gbk", "GBK"),
            Map.entry("iso88591", "LATIN1"),
            Map.entry("iso885910", "LATIN6"),
            Map.entry("iso885913", "LATIN7"),
            Map.entry("iso885914", "LATIN8"),
            Map.entry("iso885915", "LATIN9"),
            Map.entry("iso885916", "LATIN10"),
            Map.entry("iso88592", "LATIN2"),
            Map.entry("iso88593", "LATIN3"),
            Map.entry("iso88594", "LATIN4"),
            Map.entry("iso88595", "ISO_8859_5"),
            Map.entry("iso88596", "ISO_8859_6"),
            Map.entry("iso88597", "ISO_8859_7"),
            Map.entry("iso88598", "ISO_8859_8"),
            Map.entry("iso88599", "LATIN5"),
            Map.entry("johab", "JOHAB"),
            Map.entry("koi8", "KOI8R"),
            Map.entry("koi8r", "KOI8R"),
            Map.entry("koi8u", "KOI8U"),
            Map.entry("latin1", "LATIN1"),
            Map.entry("latin2", "LATIN2"),
            Map.entry("latin3", "LATIN3"),
            Map.entry("latin4", "LATIN4"),
            Map.entry("latin5", "LATIN5"),
            Map.entry("latin6", "LATIN6"),
            Map.entry("latin7", "LATIN7"),
            Map.entry("latin8", "LATIN8"),
            Map.entry("latin9", "LATIN9"),
            Map.entry("latin10", "LATIN10"),
            Map.entry("mskanji", "SJIS"),
            Map.entry("muleinternal", "MULE_INTERNAL"),
            Map.entry("shiftjis", "SJIS"),
            Map.entry("shiftjis2004", "SHIFT_JIS_2004"),
            Map.entry("sjis", "SJIS"),
            Map.entry("sqlascii", "SQL_ASCII"),
            Map.entry("tcvn", "WIN1258"),
            Map.entry("tcvn5712", "WIN1258"),
            Map.entry("uhc", "UHC"),
            Map.entry("unicode", "UTF8"),
            Map.entry("utf8", "UTF8"),
            Map.entry("vscii", "WIN1258"),
            Map.entry("win", "WIN1251"),
            Map.entry("win1250", "WIN1250"),
            Map.entry("win1251", "WIN1251"),
            Map.entry("win1252", "WIN1252"),
            Map.entry("win1253", "WIN1253"),
            Map.entry("win1254", "WIN1254"),
            Map.entry("win1255", "WIN1255"),
            Map.entry("win1256", "WIN1256"),
            Map.entry("win1257", "WIN1257"),
            Map.entry("win1258", "WIN1258"),
            Map.entry("win866", "WIN866"),
            Map.entry("win874", "WIN874"),
            Map.entry("win932", "SJIS"),
            Map.entry("win936", "GBK"),
            Map.entry("win949", "UHC"),
            Map.entry("win950", "BIG5"),
            Map.entry("windows1250", "WIN1250"),
            Map.entry("windows1251", "WIN1251"),
            Map.entry("windows1252", "WIN1252"),
            Map.entry("windows1253", "WIN1253"),
            Map.entry("windows1254", "WIN1254"),
            Map.entry("windows1255", "WIN1255"),
            Map.entry("windows1256", "WIN1256"),
            Map.entry("windows1257", "WIN1257"),
            Map.entry("windows1258", "WIN1258"),
            Map.entry("windows866", "WIN866"),
            Map.entry("windows874", "WIN874"),
            Map.entry("windows932", "SJIS"),
            Map.entry("windows936", "GBK"),
            Map.entry("windows949", "UHC"),
            Map.entry("windows950", "BIG5"));

    private ClientEncodings() {
    }

    /** The canonical name: UTF8 (or UNICODE, which PostgreSQL keeps as written) or SQL_ASCII. */
    static String canonical(String value) {
        String encoding = NAMES.get(value.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT));
        if (encoding == null) {
            throw invalid(value);
        }
        if (encoding.equals("UTF8")) {
            return value.equals("UNICODE") ? value : encoding;
        }
        if (encoding.equals("SQL_ASCII")) {
            return encoding;
        }
        throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "invalid value for parameter \"client_encoding\": \"%s\"",
                value).withDetail("Conversion between " + encoding + " and UTF8 is not supported.");
    }

    private static DbException invalid(String value) {
        return DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"client_encoding\": \"%s\"",
                value);
    }
}
