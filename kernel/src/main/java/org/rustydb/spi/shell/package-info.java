/**
 * Shell command extension point: each {@link org.rustydb.spi.shell.ShellCommand} service becomes
 * a command of the {@code rustydb} scope in the Gogo shell.
 */
@Export
@Version("0.1.0")
package org.rustydb.spi.shell;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
