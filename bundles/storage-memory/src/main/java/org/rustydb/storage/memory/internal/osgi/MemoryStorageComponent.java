package org.rustydb.storage.memory.internal.osgi;

import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.storage.memory.internal.MemoryStorageEngine;

/**
 * Registers an in-memory storage engine under {@code storage.type=memory}. Its tables live as long
 * as the component: stopping the bundle withdraws the engine first, then discards the tables.
 */
@Component(immediate = true)
public final class MemoryStorageComponent {
    private final MemoryStorageEngine engine = new MemoryStorageEngine();
    private final ServiceRegistration<StorageEngine> registration;

    @Activate
    public MemoryStorageComponent(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("storage.type", engine.name());
        registration = context.registerService(StorageEngine.class, engine, properties);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        engine.shutDown();
    }
}
