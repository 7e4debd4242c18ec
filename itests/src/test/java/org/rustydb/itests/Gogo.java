package org.rustydb.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Runs Gogo shell commands in an embedded framework as a user types them, through the
 * CommandProcessor service of gogo.runtime. The Gogo API is not on the test class path (it lives
 * in the framework), so this goes through reflection on the API classes as gogo.runtime sees them;
 * the arguments and results are java.* types.
 */
final class Gogo {
    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";

    /** What a command printed to the session's console and error stream. */
    record Output(String out, String err) {
        /** The command's own lines: log lines the server printed to the console meanwhile are left out. */
        List<String> lines() {
            return out.lines().filter(line -> !LOG_LINE.matcher(line).lookingAt()).toList();
        }
    }

    /** The console appender's pattern (etc/logback.xml) starts with the time of day. */
    private static final java.util.regex.Pattern LOG_LINE =
            java.util.regex.Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ");

    private Gogo() {
    }

    /**
     * Runs one command line in a fresh session with empty input. A failure of the command itself
     * (e.g. Gogo's CommandNotFoundException) is thrown as it is.
     */
    static Output run(BundleContext context, String commandLine) throws Exception {
        ServiceReference<?> reference = context.getServiceReference(PROCESSOR);
        if (reference == null) {
            throw new IllegalStateException("no " + PROCESSOR + " service: is org.apache.felix.gogo.runtime active?");
        }
        Object processor = context.getService(reference);
        try {
            Bundle gogo = reference.getBundle();
            Class<?> processorApi = gogo.loadClass(PROCESSOR);
            Class<?> sessionApi = gogo.loadClass(SESSION);
            Method createSession = processorApi.getMethod("createSession", InputStream.class, OutputStream.class,
                    OutputStream.class);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Object session = createSession.invoke(processor, new ByteArrayInputStream(new byte[0]), out, err);
            try {
                sessionApi.getMethod("execute", CharSequence.class).invoke(session, commandLine);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            } finally {
                sessionApi.getMethod("close").invoke(session);
            }
            // the session's console is a PrintStream in the platform charset
            Charset charset = Charset.defaultCharset();
            return new Output(out.toString(charset), err.toString(charset));
        } finally {
            context.ungetService(reference);
        }
    }
}
