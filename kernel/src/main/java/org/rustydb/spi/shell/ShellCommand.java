package org.rustydb.spi.shell;

import java.io.PrintStream;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A command of the {@code rustydb} scope of the Gogo shell, e.g. {@code rustydb:status}. The
 * operations bundle publishes each registered command to the shell and withdraws it when the
 * service goes away, so that extension bundles need not depend on Gogo.
 */
@ConsumerType
public interface ShellCommand {
    /** The command name, lower case, without the scope. */
    String name();

    /** One line of help. */
    String description();

    /**
     * Runs the command with its arguments, writing output to {@code out}.
     *
     * @throws org.rustydb.api.DbException when the command fails; the shell prints its message
     */
    void execute(List<String> arguments, PrintStream out);
}
