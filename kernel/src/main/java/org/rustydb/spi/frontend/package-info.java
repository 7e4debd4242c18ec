/**
 * Protocol front end extension point: a bundle serving clients over a protocol registers a
 * {@link org.rustydb.spi.frontend.ProtocolFrontEnd} so that the kernel can report it.
 */
@Export
@Version("0.1.0")
package org.rustydb.spi.frontend;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
