package org.rustydb.operations.internal.osgi;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.rustydb.operations.internal.SessionCommands;
import org.rustydb.spi.session.SessionRegistry;
import org.rustydb.spi.shell.ShellCommand;

/**
 * Offers {@code rustydb:sessions}, {@code rustydb:cancel} and {@code rustydb:terminate}. The
 * registry reference is optional so that the commands stay and report 57P03 while the kernel is
 * missing.
 */
@Component(immediate = true)
public final class SessionCommandsComponent {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionRegistry registry;

    private final List<ServiceRegistration<ShellCommand>> registrations = new ArrayList<>();

    @Activate
    public SessionCommandsComponent(BundleContext context) {
        for (ShellCommand command : SessionCommands.all(() -> registry)) {
            registrations.add(context.registerService(ShellCommand.class, command, null));
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<ShellCommand> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters services of a stopping bundle itself
            }
        }
        registrations.clear();
    }
}
