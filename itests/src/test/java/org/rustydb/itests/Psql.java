package org.rustydb.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the psql client found on PATH. */
final class Psql {
    record Result(int exitCode, String stdout, String stderr) {
    }

    private Psql() {
    }

    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "psql"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code psql -h 127.0.0.1 -p <port> -U rustydb -d rustydb -X -A -c <sql>}, within 30 s. */
    static Result run(int port, String sql, Path workDir) throws IOException, InterruptedException {
        return run(port, "rustydb", Distribution.password(), "rustydb", List.of("-X", "-A", "-c", sql), workDir,
                Map.of());
    }

    /** As {@link #run(int, String, Path)}, with libpq environment variables such as PGSSLMODE. */
    static Result run(int port, String sql, Path workDir, Map<String, String> libpqEnv)
            throws IOException, InterruptedException {
        return run(port, "rustydb", Distribution.password(), "rustydb", List.of("-X", "-A", "-c", sql), workDir,
                libpqEnv);
    }

    /** As {@link #run(int, String, Path)}, as another role with its password (PGPASSWORD). */
    static Result run(int port, String user, String password, String sql, Path workDir)
            throws IOException, InterruptedException {
        return run(port, user, password, "rustydb", List.of("-X", "-A", "-c", sql), workDir, Map.of());
    }

    /** {@code psql -h 127.0.0.1 -p <port> -U <user> -d <database> <arguments>}, within 30 s. */
    static Result run(int port, String user, String database, List<String> arguments, Path workDir)
            throws IOException, InterruptedException {
        return run(port, user, Distribution.password(), database, arguments, workDir, Map.of());
    }

    private static Result run(int port, String user, String password, String database, List<String> arguments,
                              Path workDir, Map<String, String> libpqEnv)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "psql", ".out");
        Path err = Files.createTempFile(workDir, "psql", ".err");
        List<String> command = new java.util.ArrayList<>(List.of("psql", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", user, "-d", database));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        // only the command line decides where psql connects and how it prints
        env.keySet().removeIf(name -> name.startsWith("PG"));
        env.put("PGCONNECT_TIMEOUT", "10");
        env.put("PGPASSWORD", password);
        env.putAll(libpqEnv);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectOutput(out.toFile());
        builder.redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("psql did not finish within 30 s: " + arguments);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
