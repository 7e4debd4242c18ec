/**
 * Executor SPI: a query engine runs SQL text in the context of a session, and statement handlers
 * extend the statement set. The kernel implements {@link org.rustydb.spi.exec.SessionContext}.
 */
@Export
@Version("0.9.0")
package org.rustydb.spi.exec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
