package org.rustydb.transaction.internal.osgi;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * Registers the {@link TransactionCoordinator}. When the bundle stops, the manager is withdrawn
 * first and then the transactions still open are rolled back.
 */
@Component(immediate = true)
public final class TransactionManagerComponent {
    private final TransactionCoordinator coordinator = new TransactionCoordinator();
    private final ServiceRegistration<TransactionManager> registration;

    @Activate
    public TransactionManagerComponent(BundleContext context) {
        registration = context.registerService(TransactionManager.class, coordinator, null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        coordinator.rollbackAll();
    }
}
