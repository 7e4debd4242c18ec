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
        return start(workDir, workDir.resolve("data"));
    }

    /**
     * Starts the launcher with a free port on the data directory {@code data}, which may be shared
     * by successive servers; the output and logs go to {@code workDir}.
     */
    static ServerProcess start(Path workDir, Path data) throws IOException {
        return start(Distribution.home(), workDir, data);
    }

    /** As {@link #start(Path, Path)}, with the installation at {@code home} ({@link Distribution#copyInstallation}). */
    static ServerProcess start(Path home, Path workDir, Path data) throws IOException {
        Files.createDirectories(workDir);
        int port = Distribution.freePort();
        Path logs = workDir.resolve("logs");
        Path output = workDir.resolve("server.out");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/rustydb").toString(), "--no-console",
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

    /**
     * Sends SIGKILL (what {@link Process#destroyForcibly()} sends on Linux) to the server, which is
     * the JVM itself since bin/rustydb execs java, and waits for it to die; returns the exit code
     * (137 = 128 + SIGKILL).
     */
    int sigkill(Duration timeout) throws InterruptedException {
        if (process.descendants().findAny().isPresent()) {
            throw new AssertionError("bin/rustydb has child processes: it no longer execs java, and SIGKILL would"
                    + " leave the server running");
        }
        process.destroyForcibly();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("bin/rustydb still alive " + timeout.toSeconds() + " s after SIGKILL");
        }
        return process.exitValue();
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

    /** SIGKILL to the process and any children, e.g. while bin/rustydb has not exec'd java yet. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
