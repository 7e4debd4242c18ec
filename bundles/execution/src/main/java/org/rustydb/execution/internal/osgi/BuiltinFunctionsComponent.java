package org.rustydb.execution.internal.osgi;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.rustydb.execution.internal.function.BuiltinFunctions;
import org.rustydb.spi.function.SqlFunction;

/**
 * Registers each built-in function as a {@link SqlFunction} service, so that the kernel's
 * function whiteboard is the only lookup path and built-ins follow the same rules as plug-ins.
 */
@Component(immediate = true)
public final class BuiltinFunctionsComponent {
    private final List<ServiceRegistration<SqlFunction>> registrations = new ArrayList<>();

    @Activate
    public BuiltinFunctionsComponent(BundleContext context) {
        for (SqlFunction function : BuiltinFunctions.all()) {
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
