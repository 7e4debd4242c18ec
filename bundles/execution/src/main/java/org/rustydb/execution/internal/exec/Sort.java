package org.rustydb.execution.internal.exec;

import java.util.Comparator;
import java.util.List;

import org.rustydb.execution.internal.exec.spill.ExternalSorter;
import org.rustydb.execution.internal.exec.spill.SpillFile;
import org.rustydb.execution.internal.exec.spill.TempSpace;
import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.execution.internal.settings.Settings;
import org.rustydb.execution.internal.types.Comparisons;
import org.rustydb.spi.exec.SessionContext;

/**
 * Sorts its whole input on the first call of {@link #next()}, in memory while it fits in work_mem,
 * else by an external merge of sorted runs in temporary files. NULLs sort as larger than any value
 * by default (last ascending, first descending), as in PostgreSQL.
 */
public final class Sort implements RowSource, Instrumented.Detailed {
    private final RowSource input;
    private final SessionContext session;
    private final Comparator<Object[]> order;
    private final long budget;
    private ExternalSorter sorter;
    private SpillFile.Reader sorted;

    public Sort(RowSource input, List<SortKey> keys, SessionContext session) {
        this.input = input;
        this.session = session;
        this.order = comparator(keys);
        this.budget = Settings.workMemBytes(session);
    }

    static Comparator<Object[]> comparator(List<SortKey> keys) {
        SortKey[] k = keys.toArray(new SortKey[0]);
        return (a, b) -> {
            for (SortKey key : k) {
                Object x = a[key.column()];
                Object y = b[key.column()];
                int c;
                if (x == null || y == null) {
                    if (x == y) {
                        continue;
                    }
                    c = (x == null) == key.nullsFirst() ? -1 : 1;
                    return c;
                }
                c = Comparisons.compare(x, y);
                if (c != 0) {
                    return key.descending() ? -c : c;
                }
            }
            return 0;
        };
    }

    @Override
    public Object[] next() {
        if (sorted == null) {
            sorter = new ExternalSorter(order, budget, () -> TempSpace.directory(session),
                    ExternalSorter.fanInFor(budget), session::checkCancelled);
            Object[] row;
            long n = 0;
            while ((row = input.next()) != null) {
                sorter.add(row);
                if (++n % TableScan.CANCEL_CHECK_INTERVAL == 0) {
                    session.checkCancelled();
                }
            }
            sorted = sorter.finish();
        }
        return sorted.next();
    }

    @Override
    public String detail() {
        if (sorter == null) {
            return null;
        }
        return sorter.spilled() ? "Sort Method: external merge  Disk: " + kilobytes(sorter.diskBytes()) + "kB"
                : "Sort Method: quicksort  Memory: " + kilobytes(sorter.peakMemory()) + "kB";
    }

    static long kilobytes(long bytes) {
        return (bytes + 1023) / 1024;
    }

    @Override
    public void close() {
        try {
            if (sorter != null) {
                sorter.close();
            }
        } finally {
            input.close();
        }
    }
}
