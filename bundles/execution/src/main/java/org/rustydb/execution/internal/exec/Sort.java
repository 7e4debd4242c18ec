package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.execution.internal.types.Comparisons;
import org.rustydb.spi.exec.SessionContext;

/**
 * Sorts its whole input in memory on the first call of {@link #next()}. NULLs sort as larger
 * than any value by default (last ascending, first descending), as in PostgreSQL.
 */
public final class Sort implements RowSource {
    private final RowSource input;
    private final SessionContext session;
    private final Comparator<Object[]> order;
    private List<Object[]> rows;
    private int index;

    public Sort(RowSource input, List<SortKey> keys, SessionContext session) {
        this.input = input;
        this.session = session;
        this.order = comparator(keys);
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
        if (rows == null) {
            rows = new ArrayList<>();
            Object[] row;
            while ((row = input.next()) != null) {
                rows.add(row);
                if (rows.size() % TableScan.CANCEL_CHECK_INTERVAL == 0) {
                    session.checkCancelled();
                }
            }
            rows.sort(order);
        }
        return index < rows.size() ? rows.get(index++) : null;
    }

    @Override
    public void close() {
        rows = null;
        input.close();
    }
}
