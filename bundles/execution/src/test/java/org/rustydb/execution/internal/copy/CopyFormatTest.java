package org.rustydb.execution.internal.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

/** The text and CSV readers and writers against what PostgreSQL 15 reads and writes. */
class CopyFormatTest {
    private static CopyOptions options(boolean csv) {
        CopyOptions o = new CopyOptions();
        o.csv = csv;
        o.finish(true);
        return o;
    }

    private static List<List<String>> read(String data, CopyOptions options) throws IOException {
        CopyReader reader = new CopyReader(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), options);
        List<List<String>> rows = new ArrayList<>();
        while (reader.next()) {
            rows.add(Arrays.asList(Arrays.copyOf(reader.fields(), reader.fieldCount())));
        }
        return rows;
    }

    private static String write(CopyOptions options, boolean[] force, String[]... rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyWriter writer = new CopyWriter(out, options, force);
        for (String[] row : rows) {
            writer.writeRow(row);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textFormatEscapesNullsAndEndMarker() throws IOException {
        List<List<String>> rows = read("1\thello\\tworld\t\\N\n2\t\\\\x\\101\\x41\\n\t\n\\.\n3\tignored\n",
                options(false));
        assertEquals(2, rows.size());
        assertEquals(Arrays.asList("1", "hello\tworld", null), rows.get(0));
        assertEquals(Arrays.asList("2", "\\xAA\n", ""), rows.get(1));
    }

    @Test
    void textFormatAcceptsCrLfAndALastLineWithoutNewline() throws IOException {
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), read("a\tb\r\nc\td", options(false)));
    }

    @Test
    void mixedLineEndingsAreRefusedAsPostgreSqlDoes() {
        DbException e = assertThrows(DbException.class, () -> read("a\nb\r\nc\n", options(false)));
        assertEquals("22P04", e.sqlState());
        assertEquals("literal carriage return found in data", e.getMessage());
    }

    @Test
    void csvQuotesNewlinesAndNulls() throws IOException {
        List<List<String>> rows = read("1,\"a,b\",,\"\"\n2,\"multi\nline\",\"say \"\"hi\"\"\",x\n", options(true));
        assertEquals(Arrays.asList("1", "a,b", null, ""), rows.get(0));
        assertEquals(Arrays.asList("2", "multi\nline", "say \"hi\"", "x"), rows.get(1));
    }

    @Test
    void csvWithAnEscapeCharacter() throws IOException {
        CopyOptions o = new CopyOptions();
        o.csv = true;
        o.escape = '\\';
        o.finish(true);
        assertEquals(List.of(List.of("a\"b", "c\\d")), read("\"a\\\"b\",\"c\\\\d\"\n", o));
    }

    @Test
    void unterminatedCsvQuoteIsAnError() {
        DbException e = assertThrows(DbException.class, () -> read("1,\"abc\n", options(true)));
        assertEquals("unterminated CSV quoted field", e.getMessage());
    }

    @Test
    void textOutputIsByteIdenticalToPostgreSql() throws IOException {
        String out = write(options(false), new boolean[3], new String[] {"1", "hello\tworld", null},
                new String[] {"back\\slash", "line\nbreak\r", "é"});
        assertEquals("1\thello\\tworld\t\\N\nback\\\\slash\tline\\nbreak\\r\té\n", out);
    }

    @Test
    void csvOutputQuotesOnlyWhatItMust() throws IOException {
        String out = write(options(true), new boolean[5], new String[] {"1", "a,b", null, "", "q\"\\"});
        assertEquals("1,\"a,b\",,\"\",\"q\"\"\\\"\n", out);
        String forced = write(options(true), new boolean[] {true, true}, new String[] {"1", null});
        assertEquals("\"1\",\n", forced);
    }

    @Test
    void roundTripThroughWriterAndReader() throws IOException {
        for (boolean csv : new boolean[] {false, true}) {
            String[] row = {"plain", "tab\there", "nl\nhere", "quote\"comma,", "\\N", "", null};
            String out = write(options(csv), new boolean[row.length], row);
            List<List<String>> back = read(out, options(csv));
            assertEquals(1, back.size());
            assertEquals(Arrays.asList(row), back.get(0), "csv=" + csv);
        }
    }

    @Test
    void optionsAreCheckedAsPostgreSqlChecksThem() {
        CopyOptions quoteInText = new CopyOptions();
        quoteInText.quote = '"';
        DbException e = assertThrows(DbException.class, () -> quoteInText.finish(true));
        assertEquals("0A000", e.sqlState());
        assertEquals("COPY quote available only in CSV mode", e.getMessage());
        assertThrows(DbException.class, () -> CopyOptions.singleByte("ab", "delimiter"));
        CopyOptions sameQuote = new CopyOptions();
        sameQuote.csv = true;
        sameQuote.delimiter = '"';
        assertEquals("COPY delimiter and quote must be different",
                assertThrows(DbException.class, () -> sameQuote.finish(true)).getMessage());
        CopyOptions defaults = options(false);
        assertTrue(defaults.nullText().equals("\\N"));
        assertFalse(defaults.csv());
        assertArrayEquals(new byte[] {'\t'}, new byte[] {defaults.delimiter()});
    }
}
