package org.rustydb.storage.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Text keys order by code point, which is UTF-8 byte order (PostgreSQL's C collation). */
class IndexEntryTest {
    // one code point from each range where UTF-16 order and code point order could differ
    private static final int[] CODE_POINTS = {
        0, 'a', 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};

    @Test
    void stringsCompareAsTheirUtf8Bytes() {
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            String a = randomString(random);
            String b = randomString(random);
            assertEquals(Integer.signum(utf8Order(a, b)), Integer.signum(IndexEntry.compareValues(a, b)),
                    () -> a.codePoints().boxed().toList() + " vs " + b.codePoints().boxed().toList());
        }
    }

    @Test
    void supplementaryCharactersSortAboveTheRestOfThePlane() {
        assertTrue(IndexEntry.compareValues("\uFFFD", "\uD83D\uDE00") < 0);
        assertTrue(IndexEntry.compareValues("\uE000", "\uD800\uDC00") < 0);
        assertTrue(IndexEntry.compareValues("\uD7FF", "\uE000") < 0);
        // a string after its prefix, and by its first differing code point
        assertTrue(IndexEntry.compareValues("\uD83D\uDE00", "\uD83D\uDE00a") < 0);
        assertTrue(IndexEntry.compareValues("x\uD83D\uDE01", "x\uD83D\uDE00\uFFFF") > 0);
        assertEquals(0, IndexEntry.compareValues("a\uD83D\uDE00", "a\uD83D\uDE00"));
    }

    @Test
    void loneSurrogatesStillGiveATotalOrder() {
        String[] values = {"\uD800", "\uDC00", "\uE000", "\uD83D\uDE00", "\uDBFF", "\uFFFF", "a", ""};
        for (String a : values) {
            for (String b : values) {
                assertEquals(-Integer.signum(IndexEntry.compareValues(b, a)),
                        Integer.signum(IndexEntry.compareValues(a, b)));
                for (String c : values) {
                    if (IndexEntry.compareValues(a, b) < 0 && IndexEntry.compareValues(b, c) < 0) {
                        assertTrue(IndexEntry.compareValues(a, c) < 0, a + " " + b + " " + c);
                    }
                }
            }
        }
    }

    private static String randomString(Random random) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            int base = CODE_POINTS[random.nextInt(CODE_POINTS.length)];
            // stay in the same UTF-8 length and off the surrogates
            int cp = random.nextBoolean() || base == 0 ? base : base - random.nextInt(2);
            out.appendCodePoint(cp == 0xDFFF ? 0xD7FF : cp);
        }
        return out.toString();
    }

    private static int utf8Order(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
