package org.rustydb.execution.internal.exec.spill;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * The temporary files of one operator: files done with are kept and written again for the next
 * run or partition (see {@link SpillFile#reuse()}), and {@link #close()} deletes them all.
 */
public final class SpillSpace implements AutoCloseable {
    private final Supplier<Path> directory;
    private Path dir;
    private final List<SpillFile> files = new ArrayList<>();
    private final Deque<SpillFile> free = new ArrayDeque<>();

    /** @param directory where the files go, asked when the first one is needed */
    public SpillSpace(Supplier<Path> directory) {
        this.directory = directory;
    }

    /** An empty file open for writing. */
    public SpillFile create() {
        SpillFile f = free.poll();
        if (f != null) {
            f.reuse();
            return f;
        }
        if (dir == null) {
            dir = directory.get();
        }
        f = new SpillFile(dir);
        files.add(f);
        return f;
    }

    /** Gives back a file whose rows are no longer needed. */
    public void release(SpillFile f) {
        f.closeStreams();
        free.push(f);
    }

    /** How many files exist now. */
    public int files() {
        return files.size();
    }

    @Override
    public void close() {
        free.clear();
        for (SpillFile f : files) {
            f.close();
        }
        files.clear();
    }
}
