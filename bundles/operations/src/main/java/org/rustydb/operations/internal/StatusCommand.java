package org.rustydb.operations.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

import org.rustydb.api.Database;
import org.rustydb.api.DatabaseStatus;
import org.rustydb.spi.shell.ShellCommand;

/** {@code rustydb:status}: whether the database can serve statements, since when, and to whom. */
public final class StatusCommand implements ShellCommand {
    private final Supplier<Database> database;
    private final Clock clock;

    /**
     * @param database the current Database service, or null while there is none
     * @param clock    the time uptime is measured to
     */
    public StatusCommand(Supplier<Database> database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String description() {
        return "Shows whether the database is available, its uptime, open sessions and front ends";
    }

    @Override
    public void execute(List<String> arguments, PrintStream out) {
        Arguments.requireNone(name(), arguments);
        Database db = Arguments.requireDatabase(database);
        DatabaseStatus status = db.status();
        out.println("database:   " + db.name());
        if (status.available()) {
            out.println("state:      available");
        } else {
            out.println("state:      unavailable (missing: " + String.join(", ", status.missingServices()) + ")");
        }
        Instant now = clock.instant();
        out.println("uptime:     " + formatUptime(Duration.between(status.startedAt(), now))
                + " (since " + status.startedAt().truncatedTo(ChronoUnit.SECONDS) + ")");
        out.println("sessions:   " + status.openSessions());
        List<String> frontEnds = status.frontEnds();
        if (frontEnds.isEmpty()) {
            out.println("front ends: none");
        } else {
            out.println("front ends: " + frontEnds.get(0));
            for (String frontEnd : frontEnds.subList(1, frontEnds.size())) {
                out.println("            " + frontEnd);
            }
        }
    }

    /** A duration as days, hours, minutes and seconds, leaving out leading zero units: "2h 0m 5s". */
    public static String formatUptime(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds / 3_600 % 24;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (days > 0) {
            text.append(days).append("d ");
        }
        if (days > 0 || hours > 0) {
            text.append(hours).append("h ");
        }
        if (days > 0 || hours > 0 || minutes > 0) {
            text.append(minutes).append("m ");
        }
        return text.append(secs).append('s').toString();
    }
}
