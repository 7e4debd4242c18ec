/**
 * Session management SPI: the kernel's registry of live sessions, which the shell lists and
 * through which statements are cancelled and sessions terminated, and front ends describe the
 * connections they serve.
 */
@Export
@Version("0.2.0")
package org.rustydb.spi.session;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
