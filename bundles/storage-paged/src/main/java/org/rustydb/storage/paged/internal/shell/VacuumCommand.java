package org.rustydb.storage.paged.internal.shell;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.rustydb.spi.shell.ShellCommand;
import org.rustydb.spi.storage.VacuumResult;
import org.rustydb.storage.paged.internal.engine.EngineVacuum;

/**
 * {@code rustydb:vacuum [table...]}: without arguments, live and dead row versions per table and
 * when each was last vacuumed, by hand and in the background (PostgreSQL's pg_stat_user_tables);
 * with table names, vacuums those tables now.
 */
public final class VacuumCommand implements ShellCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private final EngineVacuum vacuums;

    public VacuumCommand(EngineVacuum vacuums) {
        this.vacuums = vacuums;
    }

    @Override
    public String name() {
        return "vacuum";
    }

    @Override
    public String description() {
        return "live and dead row versions per table and when each was last vacuumed; "
                + "with table names, vacuum them now: vacuum [table...]";
    }

    @Override
    public void execute(List<String> arguments, PrintStream out) {
        if (!arguments.isEmpty()) {
            for (String table : arguments) {
                VacuumResult r = vacuums.vacuum(table);
                out.printf("%s: removed %d row versions (%d dead but not yet removable), %d index entries; "
                                + "%d remain in %d pages, %d pages freed%n", table, r.removedVersions(),
                        r.unremovableVersions(), r.removedIndexEntries(), r.remainingVersions(), r.pages(),
                        r.freedPages());
            }
            return;
        }
        List<EngineVacuum.TableStats> stats = vacuums.stats();
        int width = Math.max("table".length(), stats.stream().mapToInt(s -> s.table().length()).max().orElse(0));
        String format = "%-" + width + "s %7s %10s %10s  %-19s  %-19s %8s %12s%n";
        out.printf(format, "table", "pages", "live rows", "dead rows", "last vacuum", "last autovacuum", "vacuums",
                "autovacuums");
        for (EngineVacuum.TableStats s : stats) {
            out.printf(format, s.table(), s.pages(), s.liveRows(), s.deadRows(), time(s.lastVacuum()),
                    time(s.lastAutovacuum()), s.vacuumCount(), s.autovacuumCount());
        }
        out.println(vacuums.autovacuumEnabled() ? "autovacuum: " + vacuums.autovacuumSettings() : "autovacuum: off");
    }

    private static String time(Instant instant) {
        return instant == null ? "never" : TIME.format(instant);
    }
}
