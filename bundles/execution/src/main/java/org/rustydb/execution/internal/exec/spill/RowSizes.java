package org.rustydb.execution.internal.exec.spill;

import java.math.BigDecimal;
import java.util.List;

/**
 * A cheap estimate of the heap a row takes (object headers, references and payload on a 64-bit
 * JVM with compressed pointers), which operators add up against work_mem. It need not be exact,
 * only proportional enough that work_mem bounds the real footprint.
 */
public final class RowSizes {
    private RowSizes() {
    }

    /** The row array and its values. */
    public static long of(Object[] row) {
        long size = 16 + 4L * row.length;
        for (Object v : row) {
            size += valueSize(v);
        }
        return size;
    }

    static long valueSize(Object v) {
        if (v == null || v instanceof Boolean) {
            return 0; // shared instances
        }
        if (v instanceof String s) {
            return 40 + s.length();
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Double
                || v instanceof Float) {
            return 16;
        }
        if (v instanceof BigDecimal d) {
            return 40 + (d.precision() > 18 ? 24 + d.precision() / 2 : 0);
        }
        if (v instanceof byte[] b) {
            return 16 + b.length;
        }
        if (v instanceof List<?> list) {
            long size = 32 + 4L * list.size();
            for (Object e : list) {
                size += valueSize(e);
            }
            return size;
        }
        return 32; // dates, times, intervals, uuids: a small object or two
    }
}
