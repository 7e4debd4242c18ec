/**
 * Storage SPI: a storage engine keeps tables and their rows and hands out cursors over them.
 * Implemented by storage bundles (the paged disk engine, the in-memory engine); used by the executor.
 * Version 0.x: the contract still changes between minor versions.
 */
@Export
@Version("0.8.0")
package org.rustydb.spi.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
