package org.rustydb.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void commandLine() {
        Options o = Options.parse(List.of("--url", "a=jdbc:h2:mem:x", "--url=jdbc:postgresql://h/db?x=1",
                "--workload", "tpcb,ycsb-a", "--duration=10", "--clients", "8", "--scale", "3", "--csv", "o.csv"), true);
        assertEquals(List.of("a=jdbc:h2:mem:x", "jdbc:postgresql://h/db?x=1"), o.urls());
        assertEquals(List.of("tpcb", "ycsb-a"), o.workloads());
        assertEquals(Duration.ofSeconds(10), o.duration);
        assertEquals(8, o.clients);
        assertEquals(3, o.scale);
        assertEquals("o.csv", o.csv());
    }

    @Test
    void shellTakesTheWorkloadFirstAndNoUrls() {
        Options o = Options.parse(List.of("ycsb-b", "--records", "1_000"), false);
        assertEquals(List.of("ycsb-b"), o.workloads());
        assertEquals(1000, o.records);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of("tpcb", "--url", "jdbc:h2:mem:x"), false));
        assertTrue(e.getMessage().contains("runs against the server itself"));
    }

    @Test
    void badInputIsExplained() {
        for (List<String> args : List.of(List.of("--workload", "tpcc", "--url", "jdbc:x"),
                List.of("--workload", "tpcb"), List.of("--url", "jdbc:x"), List.of("--url", "jdbc:x", "--workload"),
                List.of("--url", "jdbc:x", "--workload", "tpcb", "--clients", "0"),
                List.of("--url", "jdbc:x", "--workload", "tpcb", "--duration", "ten"),
                List.of("--url", "jdbc:x", "--workload", "tpcb", "--colour", "red"),
                List.of("--url", "jdbc:x", "--workload", "tpcb", "stray"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.parse(args, true),
                    args.toString());
            assertTrue(e.getMessage().length() > 10, e.getMessage());
        }
    }

    @Test
    void targetsAreNamedAndKnowTheirDialect() {
        Target named = Target.jdbc("pg15=jdbc:postgresql://127.0.0.1:5432/db?user=u", null, null);
        assertEquals("pg15", named.name());
        assertEquals(Dialect.POSTGRESQL, named.dialect());
        Target h2 = Target.jdbc("jdbc:h2:/tmp/x;LOCK_TIMEOUT=1000", null, null);
        assertEquals("h2:/tmp/x", h2.name());
        assertEquals(Dialect.H2, h2.dialect());
        assertEquals("rustydb:/tmp/db", Target.jdbc("jdbc:rustydb:/tmp/db?x=1", null, null).name());
        assertThrows(IllegalArgumentException.class, () -> Target.jdbc("postgres://x", null, null));
    }
}
