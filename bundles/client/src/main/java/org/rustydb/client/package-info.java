/**
 * The RustyDB JDBC driver: {@link org.rustydb.client.Driver} opens embedded databases
 * ({@code jdbc:rustydb:file:<directory>}, {@code jdbc:rustydb:mem:<name>}) in the application's
 * own process.
 */
@Export
@Version("0.1.0")
package org.rustydb.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
