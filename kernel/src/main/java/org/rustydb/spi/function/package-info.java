/**
 * SQL function extension point: each {@link org.rustydb.spi.function.SqlFunction} service
 * registered in the service registry becomes callable from SQL while it is registered.
 */
@Export
@Version("0.1.0")
package org.rustydb.spi.function;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
