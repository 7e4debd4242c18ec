/**
 * Security SPI: how front ends authenticate a connecting client ({@link org.rustydb.spi.security.Authenticator}),
 * what the catalog shows of roles ({@link org.rustydb.spi.security.RoleCatalog}) and the owners
 * and privileges of objects ({@link org.rustydb.spi.security.PrivilegeCatalog}). Implemented by the
 * security bundle; a distribution without it has no roles and trusts every client.
 */
@Export
@Version("0.3.0")
package org.rustydb.spi.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
