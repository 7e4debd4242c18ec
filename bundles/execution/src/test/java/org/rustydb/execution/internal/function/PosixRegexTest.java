package org.rustydb.execution.internal.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

class PosixRegexTest {

    private static boolean matches(String s, String re) {
        return RegexMatching.matches(s, re, RegexFlags.DEFAULT);
    }

    private static String error(String re) {
        DbException e = assertThrows(DbException.class, () -> PosixRegex.compile(re, RegexFlags.DEFAULT));
        assertEquals("2201B", e.sqlState());
        return e.getMessage();
    }

    @Test
    void postgresEscapesMeanWhatTheyMeanInPostgres() {
        assertTrue(matches("a b", "a\\y"));
        assertFalse(matches("ab", "a\\yb"));
        assertTrue(matches("one two", "\\mtwo\\M"));
        assertFalse(matches("ab\n", "b\\Z"));
        assertTrue(matches("a\\b", "a\\Bb"));
        assertTrue(matches("\b", "\\b"));
        assertTrue(matches("xA", "x\\x41"));
        assertTrue(matches("A", "\\u0041"));
        assertTrue(matches("A", "\\101"));
        assertTrue(matches("\u001b", "\\e"));
    }

    @Test
    void anchorsAndDotFollowPostgresNewlineRules() {
        assertFalse(matches("a\n", "a$"));
        assertTrue(matches("a\nb", "a.b"));
        RegexFlags n = RegexFlags.parse("n", null);
        assertFalse(RegexMatching.matches("a\nb", "a.b", n));
        assertFalse(RegexMatching.matches("a\nb", "a[^x]b", n));
        assertTrue(RegexMatching.matches("a\nb", "^b", n));
        assertFalse(RegexMatching.matches("a\nb", "a$", RegexFlags.parse("p", null)));
        assertTrue(RegexMatching.matches("a\nb", "a$", RegexFlags.parse("w", null)));
    }

    @Test
    void bracketExpressionsArePosix() {
        assertTrue(matches("]", "[]]"));
        assertTrue(matches("a", "[^]]"));
        assertTrue(matches("[", "[[]"));
        assertTrue(matches("&", "[a&&b]"));
        assertFalse(matches("b", "[a\\-c]"));
        assertTrue(matches("é", "[[:alpha:]]"));
        assertTrue(matches("-", "[a-]"));
        assertEquals("invalid character range", error("[b-a]").replace("invalid regular expression: ", ""));
        assertEquals("invalid regular expression: invalid character range", error("[a-c-e]"));
        assertEquals("invalid regular expression: invalid character class", error("[[:foo:]]"));
        assertEquals("invalid regular expression: brackets [] not balanced", error("[a"));
        assertEquals("invalid regular expression: invalid collating element", error("[[.ab.]]"));
    }

    @Test
    void groupsInsideLookaroundDoNotCapture() {
        assertEquals("(?=(?:a))(b)", PosixRegex.toJava("(?=(a))(b)", RegexFlags.DEFAULT));
        assertEquals("b", RegexFunctions.substringRegex("ab", "(?<=(a))(b)"));
    }

    @Test
    void aBraceNotFollowedByADigitIsLiteral() {
        assertTrue(matches("a{x", "a{x"));
        assertTrue(matches("a{}", "a{}"));
        assertEquals("invalid regular expression: braces {} not balanced", error("a{1"));
        assertEquals("invalid regular expression: invalid repetition count(s)", error("a{2,1}"));
        assertEquals("invalid regular expression: invalid repetition count(s)", error("a{256}"));
    }

    @Test
    void javaOnlySyntaxIsRejected() {
        assertEquals("invalid regular expression: quantifier operand invalid", error("a*+"));
        assertEquals("invalid regular expression: quantifier operand invalid", error("a**"));
        assertEquals("invalid regular expression: quantifier operand invalid", error("(?<n>a)"));
        assertEquals("invalid regular expression: invalid escape \\ sequence", error("\\p{L}"));
        assertEquals("invalid regular expression: invalid escape \\ sequence", error("\\Qa"));
        assertEquals("invalid regular expression: invalid escape \\ sequence", error("a\\"));
        assertEquals("invalid regular expression: invalid backreference number", error("(a)\\2"));
        assertEquals("invalid regular expression: parentheses () not balanced", error("(a"));
        assertEquals("invalid regular expression: parentheses () not balanced", error("a)"));
        assertEquals("invalid regular expression: invalid embedded option", error("(?z)a"));
    }

    @Test
    void directorsAndEmbeddedOptions() {
        assertTrue(matches("x*", "***=x*"));
        assertFalse(matches("xx", "***=x*"));
        assertTrue(matches("A", "(?i)a"));
        assertTrue(matches("ab", "(?x) a b # comment"));
        assertFalse(RegexMatching.matches("ABC", "(?c)b", RegexFlags.CASE_INSENSITIVE));
    }

    @Test
    void flagsFollowParseReFlags() {
        assertTrue(RegexFlags.parse("ic", null).equals(RegexFlags.DEFAULT));
        assertTrue(RegexFlags.parse("g", null).global());
        assertEquals("invalid regular expression option: \"z\"",
                assertThrows(DbException.class, () -> RegexFlags.parse("gz", null)).getMessage());
        assertEquals("regexp_like() does not support the \"global\" option",
                assertThrows(DbException.class, () -> RegexFlags.parse("g", "regexp_like()")).getMessage());
    }

    @Test
    void runawayBacktrackingStopsWithAnError() {
        String s = "a".repeat(40) + "!";
        DbException e = assertThrows(DbException.class, () -> matches(s, "^(.*a){12}$"));
        assertEquals("54000", e.sqlState());
    }

    @Test
    void similarToBecomesAnAnchoredRegex() {
        assertEquals("^(?:a.*b.\\.)$", SimilarTo.toRegex("a%b_.", "\\"));
        assertEquals("^(?:(?:a|b)+)$", SimilarTo.toRegex("(a|b)+", "\\"));
        assertEquals("^(?:a\\%)$", SimilarTo.toRegex("a#%", "#"));
        assertEquals("^(?:[\\\\%])$", SimilarTo.toRegex("[\\%]", ""));
        assertEquals("oob", RegexFunctions.substringSimilar("foobar", "%#\"o_b#\"%", "#"));
        assertEquals("22025", assertThrows(DbException.class, () -> SimilarTo.toRegex("a", "xx")).sqlState());
        assertEquals("2200C", assertThrows(DbException.class,
                () -> SimilarTo.toRegex("#\"a#\"b#\"", "#")).sqlState());
    }
}
