package org.rustydb.itests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The application of {@link EmbeddedCrashIT}, run in a JVM of its own with the embedded jar on a
 * plain class path: finds the driver through DriverManager, reports how long opening the database
 * and answering {@code select 1} took, then commits rows one transaction each and acknowledges
 * every commit on stdout until it is killed (or, with a second argument, after that many commits:
 * {@code scripts/bench-embedded.sh} times cold opens with 0).
 */
public final class EmbeddedCommitter {
    private EmbeddedCommitter() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1")) {
                rs.next();
            }
            System.out.println("first query after " + (System.nanoTime() - start) / 1_000_000 + " ms");
            int commits = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
            s.execute("create table if not exists acked(id int primary key, payload text)");
            for (int i = 1; i <= commits; i++) {
                s.execute("insert into acked values (" + i + ", repeat('x', 100))");
                System.out.println("committed " + i);
                System.out.flush();
            }
        }
    }
}
