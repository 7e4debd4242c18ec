package org.rustydb.bench.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Targets on fresh in-memory H2 databases, and options for short runs. */
final class H2 {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private H2() {
    }

    /** A new in-memory database that lives until the JVM ends. */
    static String url() {
        return "jdbc:h2:mem:bench" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    static Target target() {
        return Target.jdbc("h2=" + url(), null, null);
    }

    static Options options(String... args) {
        return Options.parse(List.of(args), false);
    }

    /** Collects what a run prints. */
    static final class Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        @Override
        public String toString() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
