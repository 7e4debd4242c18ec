package org.rustydb.execution.internal.plan;

import org.rustydb.spi.storage.RowLockStrength;
import org.rustydb.spi.txn.WaitPolicy;

/** SELECT ... FOR UPDATE/SHARE: the rows returned are locked until the transaction ends. */
public record RowLocking(RowLockStrength strength, WaitPolicy policy) {
}
