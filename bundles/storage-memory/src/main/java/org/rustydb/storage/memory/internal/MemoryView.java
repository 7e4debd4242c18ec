package org.rustydb.storage.memory.internal;

import org.rustydb.spi.storage.ViewDefinition;
import org.rustydb.spi.storage.ViewHandle;

/** A view of the memory engine: its definition, and which transaction is creating or dropping it. */
final class MemoryView implements ViewHandle {
    private final ViewDefinition definition;
    /** The transaction creating or dropping it, 0 when none; under the engine's catalog lock. */
    long ddlOwner;
    volatile boolean dropped;

    MemoryView(ViewDefinition definition, long creator) {
        this.definition = definition;
        this.ddlOwner = creator;
    }

    @Override
    public ViewDefinition definition() {
        return definition;
    }

    @Override
    public String toString() {
        return "memory view " + definition.schema() + "." + definition.name();
    }
}
