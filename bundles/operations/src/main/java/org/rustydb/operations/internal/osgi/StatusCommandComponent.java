package org.rustydb.operations.internal.osgi;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.rustydb.api.Database;
import org.rustydb.operations.internal.StatusCommand;
import org.rustydb.spi.shell.ShellCommand;

/**
 * Offers {@code rustydb:status}. The Database reference is optional so that the command stays
 * and explains that the kernel is missing instead of vanishing with it.
 */
@Component(service = ShellCommand.class)
public final class StatusCommandComponent implements ShellCommand {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Database database;

    private final StatusCommand command = new StatusCommand(() -> database, Clock.systemUTC());

    @Override
    public String name() {
        return command.name();
    }

    @Override
    public String description() {
        return command.description();
    }

    @Override
    public void execute(List<String> arguments, PrintStream out) {
        command.execute(arguments, out);
    }
}
