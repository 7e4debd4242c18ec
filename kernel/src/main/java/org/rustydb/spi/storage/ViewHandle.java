package org.rustydb.spi.storage;

import org.osgi.annotation.versioning.ProviderType;

/** An opaque reference to a view of one storage engine; only that engine may be given it back. */
@ProviderType
public interface ViewHandle {
    ViewDefinition definition();
}
