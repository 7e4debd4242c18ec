package org.rustydb.operations.internal.osgi;

import java.io.PrintStream;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.rustydb.api.Database;
import org.rustydb.operations.internal.SqlCommand;
import org.rustydb.spi.shell.ShellCommand;

/**
 * Offers {@code rustydb:sql}. The Database reference is optional so that the command stays and
 * reports 57P03 while the kernel is missing.
 */
@Component(service = ShellCommand.class)
public final class SqlCommandComponent implements ShellCommand {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Database database;

    private final SqlCommand command = new SqlCommand(() -> database);

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
