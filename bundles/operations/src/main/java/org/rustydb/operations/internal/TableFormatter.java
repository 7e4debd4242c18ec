package org.rustydb.operations.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lays out rows like psql's default "aligned" format: centered header, a dashed separator with
 * {@code +} at column boundaries, cells padded with one space each side and separated by {@code |},
 * multi-line values continued with a {@code +} marker. Widths count code points.
 *
 * <p>The row-count footer is the caller's business, since its wording depends on the command.
 */
public final class TableFormatter {

    /** How a column's values sit in their cells; psql right-aligns numbers. */
    public enum Align { LEFT, RIGHT }

    private final List<String> headers;
    private final List<Align> aligns;
    private final List<String[][]> rows = new ArrayList<>();

    public TableFormatter(List<String> headers, List<Align> aligns) {
        if (headers.size() != aligns.size()) {
            throw new IllegalArgumentException("one alignment per column needed");
        }
        this.headers = List.copyOf(headers);
        this.aligns = List.copyOf(aligns);
    }

    /** A table whose columns are all left-aligned. */
    public static TableFormatter leftAligned(String... headers) {
        List<Align> aligns = new ArrayList<>();
        for (int i = 0; i < headers.length; i++) {
            aligns.add(Align.LEFT);
        }
        return new TableFormatter(List.of(headers), aligns);
    }

    /** Adds a row; a null cell prints as empty, as psql prints SQL NULL. */
    public void addRow(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        String[][] split = new String[cells.length][];
        for (int i = 0; i < cells.length; i++) {
            split[i] = Objects.toString(cells[i], "").split("\n", -1);
        }
        rows.add(split);
    }

    public int rowCount() {
        return rows.size();
    }

    /** The header, separator and row lines, without line terminators. */
    public List<String> lines() {
        int n = headers.size();
        List<String> out = new ArrayList<>();
        if (n == 0) {
            // psql prints a bare separator for a result without columns, and no row lines
            out.add("--");
            return out;
        }
        int[] widths = widths();
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < n; j++) {
            if (j > 0) {
                line.append('|');
            }
            line.append(' ').append(center(headers.get(j), widths[j])).append(' ');
        }
        out.add(line.toString());
        line.setLength(0);
        for (int j = 0; j < n; j++) {
            if (j > 0) {
                line.append('+');
            }
            line.append("-".repeat(widths[j] + 2));
        }
        out.add(line.toString());
        for (String[][] row : rows) {
            addRowLines(row, widths, out);
        }
        return out;
    }

    private void addRowLines(String[][] row, int[] widths, List<String> out) {
        int n = row.length;
        int height = 1;
        for (String[] cell : row) {
            height = Math.max(height, cell.length);
        }
        for (int k = 0; k < height; k++) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < n; j++) {
                boolean last = j == n - 1;
                boolean exhausted = k >= row[j].length;
                boolean continued = k < row[j].length - 1;
                if (j > 0) {
                    line.append('|');
                }
                line.append(' ');
                if (last && exhausted) {
                    break; // psql leaves nothing after a finished last cell
                }
                String text = exhausted ? "" : row[j][k];
                int pad = widths[j] - width(text);
                if (aligns.get(j) == Align.RIGHT) {
                    line.append(" ".repeat(pad)).append(text);
                } else if (!last || continued) {
                    line.append(text).append(" ".repeat(pad));
                } else {
                    line.append(text); // no trailing blanks on the last column
                }
                if (!last) {
                    line.append(continued ? '+' : ' ');
                } else if (continued) {
                    line.append('+');
                }
            }
            out.add(line.toString());
        }
    }

    private int[] widths() {
        int[] widths = new int[headers.size()];
        for (int j = 0; j < widths.length; j++) {
            widths[j] = width(headers.get(j));
        }
        for (String[][] row : rows) {
            for (int j = 0; j < row.length; j++) {
                for (String part : row[j]) {
                    widths[j] = Math.max(widths[j], width(part));
                }
            }
        }
        return widths;
    }

    private static String center(String text, int width) {
        int pad = width - width(text);
        int left = pad / 2;
        return " ".repeat(left) + text + " ".repeat(pad - left);
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
