package org.rustydb.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** bin/rustydb --no-console running as its own process, its output captured in a file. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path output;
    private final Path logDir;

    private ServerProcess(Process process, int port, Path output, Path logDir) {
        this.process = process;
        this.port = port;
        this.output = output;
        this.logDir = logDir;
    }

    /** Starts the launcher with a free port and a data directory under {@code workDir}. */
    static ServerProcess start(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        int port = Distribution.freePort();
        Path data = workDir.resolve("data");
        Path logs = workDir.resolve("logs");
        Path output = workDir.resolve("server.out");
        ProcessBuilder builder = new ProcessBuilder(Distribution.launcher().toString(), "--no-console",
                "--port", Integer.toString(port), "--data", data.toString());
        // the JDK running the tests, and logs kept with this run instead of in the distribution
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-Drustydb.log.dir=" + logs);
        builder.redirectErrorStream(true);
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        process.getOutputStream().close(); // stdin closed: the server must not need it
        return new ServerProcess(process, port, output, logs);
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    /** The server's console output so far. */
    String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e + ")";
        }
    }

    Path logFile() {
        return logDir.resolve("rustydb.log");
    }

    /**
     * Waits until the server answers {@code select 1} over pgjdbc (see {@link Sql#awaitReady});
     * fails at once if the process exits, and with the server's output on a timeout.
     */
    void awaitReady(Duration timeout) throws InterruptedException {
        try {
            Poll.until(timeout, "bin/rustydb to answer select 1 on port " + port, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("bin/rustydb exited with " + process.exitValue());
                }
                return Sql.selectOne(port);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nbin/rustydb output:\n" + output(), e);
        }
    }

    /** Sends SIGTERM; true if the process exited within the timeout. */
    boolean terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the server whatever state it is in, so that no JVM outlives the tests. */
    @Override
    public void close() {
        try {
            if (process.isAlive() && !terminate(Duration.ofSeconds(10))) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
