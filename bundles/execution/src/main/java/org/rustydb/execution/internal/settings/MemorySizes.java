package org.rustydb.execution.internal.settings;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * Integer settings measured in kilobytes (work_mem), read and shown as PostgreSQL's GUC code does:
 * a number (as {@link Durations} reads it) optionally followed by a unit (B, kB, MB, GB, TB;
 * case-sensitive; 1024 apart), a fractional value rounded to the next smaller unit; shown in the
 * largest unit that divides the value exactly.
 */
final class MemorySizes {
    private static final String[] UNITS = {"TB", "GB", "MB", "kB", "B"};
    private static final double[] KILOBYTES = {1024d * 1024 * 1024, 1024d * 1024, 1024d, 1d, 1d / 1024};
    private static final String UNITS_HINT =
            "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";

    private MemorySizes() {
    }

    /** The canonical text of a valid value, e.g. {@code 4096} gives {@code 4MB}. */
    static String canonical(String name, String value, int min) {
        return format(parse(name, value, min));
    }

    /** Kilobytes in min .. 2147483647. */
    static int parse(String name, String value, int min) {
        Durations.Scan scan = new Durations.Scan(value);
        double v = scan.integerOrDecimal();
        if (Double.isNaN(v)) {
            throw Durations.invalid(name, value);
        }
        String unit = value.substring(scan.pos).strip();
        if (!unit.isEmpty()) {
            v = withUnit(v, unit, name, value);
        }
        int kb = Durations.toInt(name, value, Math.rint(v));
        if (kb < min) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "%d kB is outside the valid range for parameter \"%s\" (%d .. 2147483647)", kb, name, min);
        }
        return kb;
    }

    private static double withUnit(double v, String unit, String name, String value) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                double kb = v * KILOBYTES[i];
                if (i + 1 < UNITS.length) {
                    kb = Math.rint(kb / KILOBYTES[i + 1]) * KILOBYTES[i + 1];
                }
                return kb;
            }
        }
        throw Durations.invalid(name, value).withHint(UNITS_HINT);
    }

    /** The value with the largest unit that divides it (kB at least), as SHOW prints it. */
    static String format(int kb) {
        if (kb <= 0) {
            return kb + "kB";
        }
        for (int i = 0; i < 3; i++) {
            if (kb % (long) KILOBYTES[i] == 0) {
                return kb / (long) KILOBYTES[i] + UNITS[i];
            }
        }
        return kb + "kB";
    }
}
