package org.rustydb.operations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.operations.internal.TableFormatter.Align;

/** The expected texts were printed by psql 15 for the same data. */
class TableFormatterTest {

    @Test
    void alignsNumbersRightTextLeftAndCentersHeaders() {
        TableFormatter t = new TableFormatter(List.of("a", "longer_name", "n", "b", "num"),
                List.of(Align.RIGHT, Align.LEFT, Align.RIGHT, Align.LEFT, Align.RIGHT));
        t.addRow("1", "hello", null, "t", "12345");
        assertEquals(List.of(
                " a | longer_name | n | b |  num  ",
                "---+-------------+---+---+-------",
                " 1 | hello       |   | t | 12345"), t.lines());
    }

    @Test
    void leavesNoTrailingBlanksAfterLastTextColumn() {
        TableFormatter t = new TableFormatter(List.of("n", "longname"), List.of(Align.RIGHT, Align.LEFT));
        t.addRow("1", null);
        t.addRow("2", "ab");
        assertEquals(List.of(
                " n | longname ",
                "---+----------",
                " 1 | ",
                " 2 | ab"), t.lines());
    }

    @Test
    void padsNullInLastNumberColumn() {
        TableFormatter t = new TableFormatter(List.of("longname", "n"), List.of(Align.LEFT, Align.RIGHT));
        t.addRow("x", null);
        t.addRow("yy", "5");
        assertEquals(List.of(
                " longname | n ",
                "----------+---",
                " x        |  ",
                " yy       | 5"), t.lines());
    }

    @Test
    void continuesMultiLineValuesWithPlusMarkers() {
        TableFormatter t = new TableFormatter(List.of("m", "k"), List.of(Align.LEFT, Align.RIGHT));
        t.addRow("a\nbb", "2");
        t.addRow("ccc", "3");
        assertEquals(List.of(
                "  m  | k ",
                "-----+---",
                " a  +| 2",
                " bb  | ",
                " ccc | 3"), t.lines());

        TableFormatter last = new TableFormatter(List.of("k", "longname"), List.of(Align.RIGHT, Align.LEFT));
        last.addRow("1", "a\nb");
        assertEquals(List.of(
                " k | longname ",
                "---+----------",
                " 1 | a       +",
                "   | b"), last.lines());
    }

    @Test
    void countsCodePointsForWidth() {
        TableFormatter t = TableFormatter.leftAligned("ü");
        t.addRow("é");
        t.addRow("\uD83D\uDE00x");
        assertEquals(List.of(" ü  ", "----", " é", " \uD83D\uDE00x"), t.lines());
    }

    @Test
    void printsBareSeparatorWithoutColumns() {
        TableFormatter t = new TableFormatter(List.of(), List.of());
        t.addRow();
        assertEquals(List.of("--"), t.lines());
        assertEquals(1, t.rowCount());
    }

    @Test
    void rejectsRowOfWrongWidth() {
        TableFormatter t = TableFormatter.leftAligned("a", "b");
        assertThrows(IllegalArgumentException.class, () -> t.addRow("x"));
    }
}
