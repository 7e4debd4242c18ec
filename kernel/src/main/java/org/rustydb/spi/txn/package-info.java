/**
 * Transaction SPI: a transaction manager begins transactions; storage engines enlist in them as
 * participants so that commit and rollback reach every engine a transaction touched.
 */
@Export
@Version("0.1.0")
package org.rustydb.spi.txn;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
