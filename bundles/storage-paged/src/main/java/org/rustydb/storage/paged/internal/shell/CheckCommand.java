package org.rustydb.storage.paged.internal.shell;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.shell.ShellCommand;
import org.rustydb.storage.paged.internal.engine.ConsistencyCheck;
import org.rustydb.storage.paged.internal.engine.PagedStorageEngine;

/** {@code rustydb:check [table...]}: are the indexes consistent with their tables? */
public final class CheckCommand implements ShellCommand {
    private final PagedStorageEngine engine;

    public CheckCommand(PagedStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String description() {
        return "check that every index agrees with its table and every page reads back intact: check [table...]";
    }

    @Override
    public void execute(List<String> arguments, PrintStream out) {
        List<ConsistencyCheck.TableReport> reports = new ConsistencyCheck(engine).run(Set.copyOf(arguments));
        int bad = 0;
        for (ConsistencyCheck.TableReport report : reports) {
            out.printf("%s: %d live rows, %d index entries: %s%n", report.table(), report.liveRows(),
                    report.indexEntries(), report.ok() ? "ok" : plural(report.problems().size(), "problem"));
            for (String problem : report.problems()) {
                out.println("  " + problem);
            }
            if (!report.ok()) {
                bad++;
            }
        }
        if (bad > 0) {
            throw DbException.of(SqlState.DATA_CORRUPTED, "check found problems in %d of %s", bad,
                    plural(reports.size(), "table"));
        }
        out.printf("check passed: %s%n", plural(reports.size(), "table"));
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
