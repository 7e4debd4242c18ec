package org.rustydb.execution.internal.parser;

import java.util.Locale;

/**
 * A lexical token of the SQL text as PostgreSQL's scanner sees it.
 *
 * @param kind  what it is
 * @param start offset of the first character in the whole SQL string
 * @param end   offset after the last character
 * @param value for {@link Kind#WORD} the case-folded word, for {@link Kind#QUOTED_IDENT} the name,
 *              for {@link Kind#STRING} the decoded string value, otherwise the source text
 */
public record Token(Kind kind, int start, int end, String value) {

    /** Token kinds; comments and whitespace produce no tokens. */
    public enum Kind {
        /** An unquoted identifier or keyword. */
        WORD,
        /** A double-quoted identifier. */
        QUOTED_IDENT,
        /** A character string constant: standard, escape (E''), Unicode (U&'') or dollar-quoted. */
        STRING,
        /** A bit-string or other typed string constant (B'', X'', N'') left to the parser. */
        OTHER_STRING,
        NUMBER,
        /** A positional parameter such as $1. */
        PARAM,
        OPERATOR,
        /** One of ( ) [ ] , . : :: */
        PUNCT,
        SEMICOLON
    }

    /** True for a WORD equal (ignoring case) to the keyword. */
    public boolean isWord(String keyword) {
        return kind == Kind.WORD && value.equals(keyword.toLowerCase(Locale.ROOT));
    }

    public boolean isPunct(String punct) {
        return (kind == Kind.PUNCT || kind == Kind.OPERATOR) && value.equals(punct);
    }

    public int length() {
        return end - start;
    }
}
