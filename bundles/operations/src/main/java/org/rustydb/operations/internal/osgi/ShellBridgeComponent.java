package org.rustydb.operations.internal.osgi;

import java.util.Hashtable;

import org.apache.felix.service.command.Function;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.rustydb.operations.internal.ShellBridge;
import org.rustydb.spi.shell.ShellCommand;

/**
 * Turns every {@link ShellCommand} service into a Gogo {@link Function} service of the
 * {@code rustydb} scope, so that command bundles need not depend on Gogo. The capability tells
 * resolvers about these registrations, which bnd cannot see.
 */
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=\"org.apache.felix.service.command.Function\"",
        uses = Function.class, effective = "active")
@Component(immediate = true)
public final class ShellBridgeComponent {
    private final ShellBridge bridge;

    @Activate
    public ShellBridgeComponent(BundleContext context) {
        bridge = new ShellBridge((name, description, function) -> {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("osgi.command.scope", ShellBridge.SCOPE);
            properties.put("osgi.command.function", name);
            properties.put(Constants.SERVICE_DESCRIPTION, description);
            ServiceRegistration<Function> registration =
                    context.registerService(Function.class, function, properties);
            return () -> {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the framework unregisters it by itself when this bundle stops
                }
            };
        });
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommand(ShellCommand command) {
        bridge.add(command);
    }

    void removeCommand(ShellCommand command) {
        bridge.remove(command);
    }

    @Deactivate
    void deactivate() {
        bridge.close();
    }
}
