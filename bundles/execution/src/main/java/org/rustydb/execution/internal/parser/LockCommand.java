package org.rustydb.execution.internal.parser;

import java.util.List;

import org.rustydb.spi.txn.LockMode;

/** LOCK [TABLE] [ONLY] name [*] [, ...] [IN mode MODE] [NOWAIT]. */
public record LockCommand(List<IndexCommand.QualifiedName> tables, LockMode mode, boolean nowait) {
    public LockCommand {
        tables = List.copyOf(tables);
    }
}
