package org.rustydb.execution.internal.exec.spill;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * Sorts rows within a memory budget, as PostgreSQL's tuplesort: rows collect in memory while their
 * estimated size stays within the budget; past it the rows so far are sorted and written to a
 * temporary file as one run, and collection starts again. At the end, without runs the rows are
 * sorted in memory (quicksort); with runs the last rows become a run too and the runs are merged
 * through a heap, at most {@code fanIn} at a time, in several passes when there are more.
 *
 * <p>The sort is stable, as the in-memory one: a run holds earlier input than the next, and the
 * merge takes equal rows from the earlier run first. {@link #close()} deletes every file.
 */
public final class ExternalSorter implements AutoCloseable {
    private final Comparator<Object[]> order;
    private final long budget;
    private final int fanIn;
    private final Runnable cancelCheck;
    private List<Object[]> rows = new ArrayList<>();
    private long memory;
    private long peakMemory;
    private final List<SpillFile> runs = new ArrayList<>();
    private final SpillSpace space;
    private long diskBytes;

    /**
     * @param order       the order; ties keep input order
     * @param budget      bytes of rows kept in memory (work_mem)
     * @param directory   where temporary files go, asked on the first spill
     * @param fanIn       how many runs one merge reads at once (at least 2)
     * @param cancelCheck called every so often while writing and merging
     */
    public ExternalSorter(Comparator<Object[]> order, long budget, Supplier<Path> directory, int fanIn,
                          Runnable cancelCheck) {
        this.order = order;
        this.budget = budget;
        this.space = new SpillSpace(directory);
        this.fanIn = Math.max(2, fanIn);
        this.cancelCheck = cancelCheck;
    }

    /** PostgreSQL-like merge order for a budget: one read buffer per run, at least 6. */
    public static int fanInFor(long budget) {
        return (int) Math.max(6, Math.min(512, budget / SpillFile.BUFFER));
    }

    public void add(Object[] row) {
        rows.add(row);
        memory += RowSizes.of(row) + 8;
        if (memory > budget && rows.size() > 1) {
            peakMemory = Math.max(peakMemory, memory);
            spillRun();
        }
    }

    private void spillRun() {
        rows.sort(order);
        SpillFile run = space.create();
        int n = 0;
        for (Object[] r : rows) {
            run.write(r);
            if (++n % 10_000 == 0) {
                cancelCheck.run();
            }
        }
        diskBytes += run.bytes();
        runs.add(run);
        rows = new ArrayList<>();
        memory = 0;
    }

    /** Whether rows went to disk. */
    public boolean spilled() {
        return !runs.isEmpty() || diskBytes > 0;
    }

    /** The most memory the rows took at once (estimated), in bytes. */
    public long peakMemory() {
        return Math.max(peakMemory, memory);
    }

    /** The bytes of the initial runs written. */
    public long diskBytes() {
        return diskBytes;
    }

    /** The rows in order; call once, after the last {@link #add}. */
    public SpillFile.Reader finish() {
        peakMemory = Math.max(peakMemory, memory);
        if (runs.isEmpty()) {
            rows.sort(order);
            List<Object[]> sorted = rows;
            rows = null;
            int[] index = {0};
            return () -> index[0] < sorted.size() ? sorted.get(index[0]++) : null;
        }
        if (!rows.isEmpty()) {
            spillRun();
        }
        rows = null;
        List<SpillFile> level = new ArrayList<>(runs);
        while (level.size() > fanIn) {
            List<SpillFile> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += fanIn) {
                List<SpillFile> group = level.subList(i, Math.min(level.size(), i + fanIn));
                if (group.size() == 1) {
                    next.add(group.get(0));
                    continue;
                }
                SpillFile.Reader reader = merge(group);
                SpillFile merged = space.create();
                Object[] row;
                long n = 0;
                while ((row = reader.next()) != null) {
                    merged.write(row);
                    if (++n % 10_000 == 0) {
                        cancelCheck.run();
                    }
                }
                for (SpillFile f : group) {
                    space.release(f);
                }
                next.add(merged);
            }
            level = next;
        }
        return merge(level);
    }

    /** A run's reader and its current row. */
    private static final class Cursor {
        final SpillFile.Reader reader;
        final int rank;
        Object[] row;

        Cursor(SpillFile.Reader reader, int rank) {
            this.reader = reader;
            this.rank = rank;
            this.row = reader.next();
        }
    }

    private SpillFile.Reader merge(List<SpillFile> group) {
        PriorityQueue<Cursor> heap = new PriorityQueue<>(group.size(), (a, b) -> {
            int c = order.compare(a.row, b.row);
            return c != 0 ? c : Integer.compare(a.rank, b.rank);
        });
        for (int i = 0; i < group.size(); i++) {
            Cursor c = new Cursor(group.get(i).read(), i);
            if (c.row != null) {
                heap.add(c);
            }
        }
        return () -> {
            Cursor c = heap.poll();
            if (c == null) {
                return null;
            }
            Object[] row = c.row;
            c.row = c.reader.next();
            if (c.row != null) {
                heap.add(c);
            }
            return row;
        };
    }

    @Override
    public void close() {
        rows = null;
        space.close();
        runs.clear();
    }
}
