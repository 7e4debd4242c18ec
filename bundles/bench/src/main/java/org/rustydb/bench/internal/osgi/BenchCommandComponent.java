package org.rustydb.bench.internal.osgi;

import java.io.PrintStream;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.rustydb.bench.internal.BenchCommand;
import org.rustydb.spi.shell.ShellCommand;

/**
 * Offers {@code rustydb:bench}. The data source reference is optional and dynamic, so the bundle
 * resolves and the command stays without one and says so.
 */
@Component(service = ShellCommand.class)
public final class BenchCommandComponent implements ShellCommand {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(rustydb.datasource=local)")
    private volatile DataSource dataSource;

    private final BenchCommand command = new BenchCommand(() -> dataSource);

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
