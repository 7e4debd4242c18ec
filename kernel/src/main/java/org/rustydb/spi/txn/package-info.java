/**
 * Transaction SPI: a transaction manager begins transactions; storage engines enlist in them as
 * participants so that commit and rollback reach every engine a transaction touched; engines that
 * implement SavepointParticipant can also undo the work done since a savepoint. Table locks and
 * waits for other transactions go through the transaction, so one deadlock detector sees them all.
 */
@Export
@Version("0.3.0")
package org.rustydb.spi.txn;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
