package org.rustydb.storage.paged.internal.shell;

import java.io.PrintStream;
import java.util.List;

import org.rustydb.spi.shell.ShellCommand;
import org.rustydb.storage.paged.internal.buffer.BufferPoolStats;
import org.rustydb.storage.paged.internal.engine.PagedStore;
import org.rustydb.storage.paged.internal.log.RedoLog;

/** {@code rustydb:storage}: buffer pool, log and memory counters of the paged engine. */
public final class StorageCommand implements ShellCommand {
    private final PagedStore store;

    public StorageCommand(PagedStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "storage";
    }

    @Override
    public String description() {
        return "buffer pool hits, misses and evictions, write-ahead log and memory use of the paged storage engine";
    }

    @Override
    public void execute(List<String> arguments, PrintStream out) {
        BufferPoolStats pool = store.pool().stats();
        long pins = pool.hits() + pool.misses();
        out.printf("data directory    %s%n", store.directory());
        out.printf("buffer pool       %d pages (%d MiB), %d dirty%n", pool.capacity(),
                (long) pool.capacity() * 8192 >> 20, pool.dirtyPages());
        out.printf("  hits            %d (%.1f%%)%n", pool.hits(), pins == 0 ? 100.0 : 100.0 * pool.hits() / pins);
        out.printf("  misses          %d%n", pool.misses());
        out.printf("  evictions       %d%n", pool.evictions());
        out.printf("  pages written   %d%n", pool.pagesWritten());
        out.printf("  read ahead      %d pages%n", pool.readAheadPages());
        RedoLog log = store.log();
        out.printf("write-ahead log   end %d, durable %d, redo from %d%n", log.endLsn(), log.durableLsn(),
                log.redoPointer());
        out.printf("  page edits      %d (%d full-page images)%n", log.editCount(), log.fullPageImageCount());
        out.printf("  forces          %d%n", log.forceCount());
        out.printf("transactions      next id %d, %d active%n", store.xacts().nextXid(), store.xacts().activeCount());
        out.printf("memory            %d of %d MiB reserved%n", store.memory().used() >> 20,
                store.memory().limit() >> 20);
    }
}
