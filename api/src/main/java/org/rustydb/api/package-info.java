/**
 * The embedded-facing API of RustyDB: {@link org.rustydb.api.Database} opens
 * {@link org.rustydb.api.Session}s that run SQL and hand back {@link org.rustydb.api.Result}s.
 * Every failure is a {@link org.rustydb.api.DbException} carrying a PostgreSQL SQLSTATE.
 */
@Export
@Version("0.10.0")
package org.rustydb.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
