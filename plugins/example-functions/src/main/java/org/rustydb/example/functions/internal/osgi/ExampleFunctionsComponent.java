package org.rustydb.example.functions.internal.osgi;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.rustydb.example.functions.internal.ExampleAdd;
import org.rustydb.example.functions.internal.ExampleGreet;
import org.rustydb.example.functions.internal.ExampleReverse;
import org.rustydb.spi.function.SqlFunction;

/**
 * Registers the example SQL functions, one service per function, for as long as the bundle is
 * active: dropping the jar into deploy/ makes them callable, removing it makes calls fail with
 * 42883, both without a restart.
 *
 * <p>The capability tells resolvers what the registrations below provide; bnd cannot see them.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"org.rustydb.spi.function.SqlFunction\"",
        uses = SqlFunction.class, effective = "active")
@Component(immediate = true)
public final class ExampleFunctionsComponent {
    private final List<ServiceRegistration<SqlFunction>> registrations = new ArrayList<>();

    @Activate
    public ExampleFunctionsComponent(BundleContext context) {
        for (SqlFunction function : List.of(new ExampleReverse(), new ExampleAdd(), new ExampleGreet())) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("function.name", function.name());
            registrations.add(context.registerService(SqlFunction.class, function, properties));
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<SqlFunction> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework withdraws a stopping bundle's services by itself
            }
        }
        registrations.clear();
    }
}
