package org.rustydb.kernel.internal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current provider of one required service. Dynamic rebinding (a higher-ranked provider
 * arriving, the old one leaving) calls {@link #bind} for the new one before {@link #unbind} for the
 * old, so unbind only clears the slot if it still holds the leaving service.
 */
final class ServiceSlot<T> {
    private final String description;
    private final AtomicReference<T> current = new AtomicReference<>();

    ServiceSlot(String description) {
        this.description = description;
    }

    void bind(T service) {
        current.set(service);
    }

    void unbind(T service) {
        current.compareAndSet(service, null);
    }

    /** The current provider, or null when missing. */
    T get() {
        return current.get();
    }

    /** What the service is, for messages that name it when missing. */
    String description() {
        return description;
    }
}
