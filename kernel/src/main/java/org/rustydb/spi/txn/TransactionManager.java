package org.rustydb.spi.txn;

import org.osgi.annotation.versioning.ProviderType;
import org.rustydb.api.IsolationLevel;

/**
 * Begins transactions. A required service of the kernel. Thread-safe.
 */
@ProviderType
public interface TransactionManager {

    /** Begins a transaction at the given isolation level. */
    Transaction begin(IsolationLevel isolationLevel, boolean readOnly);

    /** The number of transactions begun and not yet ended, for status output. */
    int activeCount();
}
