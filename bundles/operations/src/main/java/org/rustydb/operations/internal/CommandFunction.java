package org.rustydb.operations.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.rustydb.api.DbException;
import org.rustydb.spi.shell.ShellCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presents a {@link ShellCommand} to Gogo, which calls {@link #execute} for services registered
 * with {@code osgi.command.scope} and {@code osgi.command.function}. Arguments arrive as objects
 * and are passed on as strings; output goes to the session's console.
 *
 * <p>Failures are printed, not thrown: Gogo would show a thrown exception with its class name and
 * keep its stack trace for {@code e}, while a user needs only the message and the SQLSTATE.
 */
public final class CommandFunction implements Function {
    private static final Logger LOG = LoggerFactory.getLogger(CommandFunction.class);

    private final ShellCommand command;
    private final String name;

    public CommandFunction(ShellCommand command, String name) {
        this.command = Objects.requireNonNull(command, "command");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        PrintStream console = session == null ? null : session.getConsole();
        PrintStream out = console != null ? console : System.out;
        List<String> args = new ArrayList<>();
        if (arguments != null) {
            for (Object argument : arguments) {
                args.add(Objects.toString(argument, ""));
            }
        }
        try {
            command.execute(args, out);
        } catch (DbException e) {
            ErrorFormat.lines(e).forEach(out::println);
        } catch (RuntimeException e) {
            // a bug in the command: the trace goes to the log, the user gets one line
            LOG.error("rustydb:{} failed", name, e);
            ErrorFormat.lines(DbException.wrap(e)).forEach(out::println);
        } finally {
            out.flush();
        }
        return null; // nothing for Gogo to print after the command's own output
    }

    /** The command this function runs. */
    public ShellCommand command() {
        return command;
    }
}
