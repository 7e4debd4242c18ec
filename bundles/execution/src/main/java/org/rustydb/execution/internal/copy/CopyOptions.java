package org.rustydb.execution.internal.copy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * The options of one COPY, checked as PostgreSQL's ProcessCopyOptions checks them. Delimiter,
 * quote and escape are single ASCII bytes, so that rows can be split on bytes before decoding.
 */
public final class CopyOptions {
    /** The column names a FORCE_* option names, or null for {@code *} (all columns). */
    public record ColumnList(List<String> names) {
    }

    boolean csv;
    boolean header;
    boolean headerMatch;
    Character delimiter;
    String nullText;
    Character quote;
    Character escape;
    ColumnList forceQuote;
    ColumnList forceNotNull;
    ColumnList forceNull;
    Charset encoding = StandardCharsets.UTF_8;

    public boolean csv() {
        return csv;
    }

    public boolean header() {
        return header;
    }

    public boolean headerMatch() {
        return headerMatch;
    }

    public byte delimiter() {
        return (byte) delimiter.charValue();
    }

    public String nullText() {
        return nullText;
    }

    public byte quote() {
        return (byte) quote.charValue();
    }

    public byte escape() {
        return (byte) escape.charValue();
    }

    public ColumnList forceQuote() {
        return forceQuote;
    }

    public ColumnList forceNotNull() {
        return forceNotNull;
    }

    public ColumnList forceNull() {
        return forceNull;
    }

    public Charset encoding() {
        return encoding;
    }

    /** The format named by FORMAT (or the old syntax's CSV/BINARY). */
    void format(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "text" -> csv = false;
            case "csv" -> csv = true;
            case "binary" -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY BINARY is not supported yet");
            default -> throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "COPY format \"%s\" not recognized", name);
        }
    }

    /** HEADER's value: a boolean, or MATCH (COPY FROM only). */
    void header(String value, boolean from) {
        if (value == null) {
            header = true;
            return;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "1", "yes", "t", "y" -> header = true;
            case "false", "off", "0", "no", "f", "n" -> header = false;
            case "match" -> {
                if (!from) {
                    throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "cannot use \"match\" with HEADER in COPY TO");
                }
                header = true;
                headerMatch = true;
            }
            default -> throw DbException.of(SqlState.SYNTAX_ERROR, "header requires a Boolean value or \"match\"");
        }
    }

    void encoding(String name) {
        String n = name.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        encoding = switch (n) {
            case "UTF8", "UNICODE" -> StandardCharsets.UTF_8;
            case "LATIN1", "ISO88591" -> StandardCharsets.ISO_8859_1;
            case "SQLASCII" -> StandardCharsets.US_ASCII;
            default -> throw DbException.of(SqlState.UNDEFINED_OBJECT,
                    "argument to option \"encoding\" must be a valid encoding name");
        };
    }

    /** Fills in defaults and checks the combination, as PostgreSQL does once all options are read. */
    void finish(boolean from) {
        if (delimiter == null) {
            delimiter = csv ? ',' : '\t';
        }
        if (nullText == null) {
            nullText = csv ? "" : "\\N";
        }
        if (csv) {
            if (quote == null) {
                quote = '"';
            }
            if (escape == null) {
                escape = quote;
            }
        }
        if (delimiter == '\n' || delimiter == '\r') {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter cannot be newline or carriage return");
        }
        if (nullText.indexOf('\n') >= 0 || nullText.indexOf('\r') >= 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "COPY null representation cannot use newline or carriage return");
        }
        if (!csv && "\\.abcdefghijklmnopqrstuvwxyz0123456789".indexOf(delimiter) >= 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter cannot be \"%s\"", delimiter);
        }
        if (!csv && quote != null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY quote available only in CSV mode");
        }
        if (!csv && escape != null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY escape available only in CSV mode");
        }
        if (!csv && forceQuote != null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY force quote available only in CSV mode");
        }
        if (forceQuote != null && from) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY force quote only available using COPY TO");
        }
        if (!csv && forceNotNull != null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY force not null available only in CSV mode");
        }
        if (forceNotNull != null && !from) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY force not null only available using COPY FROM");
        }
        if (!csv && forceNull != null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY force null available only in CSV mode");
        }
        if (forceNull != null && !from) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY force null only available using COPY FROM");
        }
        if (nullText.indexOf(delimiter) >= 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "COPY delimiter must not appear in the NULL specification");
        }
        if (csv && nullText.indexOf(quote) >= 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "CSV quote character must not appear in the NULL specification");
        }
        if (csv && delimiter.equals(quote)) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter and quote must be different");
        }
    }

    /** A one-byte option value (DELIMITER, QUOTE, ESCAPE). */
    static char singleByte(String value, String what) {
        if (value.length() != 1 || value.charAt(0) > 0x7f) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY %s must be a single one-byte character", what);
        }
        return value.charAt(0);
    }
}
