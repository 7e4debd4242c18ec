package org.rustydb.execution.internal.exec.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external sort gives exactly the in-memory stable sort's order, however many runs and passes. */
class ExternalSorterTest {
    @TempDir
    Path dir;

    /** By the first column only, so that ties show whether the sort is stable (column 1 numbers the input). */
    private static final Comparator<Object[]> BY_KEY = (a, b) -> {
        if (a[0] == null || b[0] == null) {
            return a[0] == b[0] ? 0 : a[0] == null ? 1 : -1;
        }
        return ((Long) a[0]).compareTo((Long) b[0]);
    };

    private List<Object[]> randomRows(int n, long seed, int distinctKeys) {
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Long key = random.nextInt(50) == 0 ? null : (long) random.nextInt(distinctKeys);
            rows.add(new Object[] {key, (long) i, "payload " + random.nextInt(1000)});
        }
        return rows;
    }

    private List<Object[]> sort(List<Object[]> rows, long budget, int fanIn, ExternalSorter[] keep) {
        ExternalSorter sorter = new ExternalSorter(BY_KEY, budget, () -> dir, fanIn, () -> { });
        keep[0] = sorter;
        rows.forEach(sorter::add);
        SpillFile.Reader reader = sorter.finish();
        List<Object[]> out = new ArrayList<>();
        Object[] row;
        while ((row = reader.next()) != null) {
            out.add(row);
        }
        assertNull(reader.next());
        return out;
    }

    private long filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    private void check(int n, long budget, int fanIn, int distinctKeys, boolean spills) throws IOException {
        List<Object[]> rows = randomRows(n, n * 31L + fanIn, distinctKeys);
        List<Object[]> expected = new ArrayList<>(rows);
        expected.sort(BY_KEY); // List.sort is stable
        ExternalSorter[] sorter = new ExternalSorter[1];
        List<Object[]> actual = sort(rows, budget, fanIn, sorter);
        assertEquals(spills, sorter[0].spilled());
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "row " + i);
        }
        sorter[0].close();
        assertEquals(0, filesInDir(), "close deletes every run");
    }

    @Test
    void fitsInMemoryWithoutFiles() throws IOException {
        check(1000, 10_000_000, 6, 100, false);
        assertEquals(0, filesInDir());
    }

    @Test
    void manyRunsMergeInOnePass() throws IOException {
        check(5000, 20_000, 512, 300, true);
    }

    @Test
    void moreRunsThanTheFanInMergeInSeveralPasses() throws IOException {
        check(20_000, 4_000, 3, 1000, true); // hundreds of runs, fan-in 3: several passes
        check(3000, 2_000, 2, 5, true); // few keys: long runs of ties across runs must stay in input order
    }

    @Test
    void emptyAndSingleRowInputs() throws IOException {
        check(0, 100, 2, 10, false);
        check(1, 100, 2, 10, false);
    }

    @Test
    void aFailureWhileSpillingLeavesNoFileAfterClose() throws IOException {
        int[] calls = {0};
        ExternalSorter sorter = new ExternalSorter(BY_KEY, 2_000, () -> dir, 2, () -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("cancelled");
            }
        });
        List<Object[]> rows = randomRows(200_000, 1, 1000);
        assertThrows(IllegalStateException.class, () -> {
            rows.forEach(sorter::add);
            sorter.finish();
        });
        assertTrue(filesInDir() > 0);
        sorter.close();
        assertEquals(0, filesInDir());
        assertFalse(calls[0] < 3);
    }
}
