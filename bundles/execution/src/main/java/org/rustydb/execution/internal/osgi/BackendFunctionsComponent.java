package org.rustydb.execution.internal.osgi;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.rustydb.execution.internal.function.BackendFunctions;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.session.SessionRegistry;

/**
 * Registers pg_cancel_backend and pg_terminate_backend while the kernel's session registry is
 * there; without it they do not exist (42883), like any function whose bundle is gone.
 */
@Component(immediate = true)
public final class BackendFunctionsComponent {
    private final List<ServiceRegistration<SqlFunction>> registrations = new ArrayList<>();

    @Activate
    public BackendFunctionsComponent(@Reference SessionRegistry registry, BundleContext context) {
        for (SqlFunction function : BackendFunctions.all(() -> registry)) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("rustydb.function.name", function.name());
            registrations.add(context.registerService(SqlFunction.class, function, properties));
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<SqlFunction> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters services of a stopping bundle itself
            }
        }
        registrations.clear();
    }
}
