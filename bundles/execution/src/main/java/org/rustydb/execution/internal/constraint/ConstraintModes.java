package org.rustydb.execution.internal.constraint;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.parser.ConstraintModeCommand;
import org.rustydb.execution.internal.parser.IndexCommand;
import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;

/**
 * SET CONSTRAINTS: changes when the transaction checks its deferrable foreign keys. A name means
 * every constraint of that name in the schema (PostgreSQL's constraint names are per table);
 * making constraints immediate runs their deferred checks at once.
 */
public final class ConstraintModes {

    private ConstraintModes() {
    }

    public static Result run(SessionContext session, Transaction txn, TransactionConstraints.Registry registry,
                             ConstraintModeCommand command) {
        if (command.all()) {
            registry.of(txn).setAll(command.deferred());
        } else {
            List<TableDefinition> owners = new ArrayList<>();
            List<ForeignKey> keys = new ArrayList<>();
            for (IndexCommand.QualifiedName name : command.names()) {
                find(session, txn, name, owners, keys);
            }
            TransactionConstraints state = registry.of(txn);
            for (int i = 0; i < keys.size(); i++) {
                state.set(owners.get(i), keys.get(i), command.deferred());
            }
        }
        if (!command.deferred()) {
            registry.of(txn).runDue(session, txn, false);
        }
        return Results.command("SET CONSTRAINTS");
    }

    /** The foreign keys of that name; 42704 if no constraint has it, 42809 if one is not deferrable. */
    private static void find(SessionContext session, Transaction txn, IndexCommand.QualifiedName name,
                             List<TableDefinition> owners, List<ForeignKey> keys) {
        List<String> schemas = name.schema() == null ? SearchPath.lookupSchemas(session, txn)
                : SearchPath.qualified(session, txn, name.schema());
        if (name.schema() != null && schemas.isEmpty()) {
            throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", name.schema());
        }
        for (String schema : schemas) {
            // the first schema of the search that has constraints of that name is the one meant
            if (find(session, txn, schema, name, owners, keys)) {
                return;
            }
        }
        throw DbException.of(SqlState.UNDEFINED_OBJECT, "constraint \"%s\" does not exist", name.name());
    }

    private static boolean find(SessionContext session, Transaction txn, String schema, IndexCommand.QualifiedName name,
                                List<TableDefinition> owners, List<ForeignKey> keys) {
        boolean found = false;
        for (TableHandle table : session.storage().listTables(txn)) {
            TableDefinition definition = table.definition();
            if (!definition.schema().equals(schema)) {
                continue;
            }
            for (ForeignKey fk : definition.foreignKeys()) {
                if (fk.name().equals(name.name())) {
                    found = true;
                    if (!fk.deferrable()) {
                        throw notDeferrable(name.name());
                    }
                    owners.add(definition);
                    keys.add(fk);
                }
            }
            for (CheckConstraint check : definition.checks()) {
                if (check.name().equals(name.name())) {
                    throw notDeferrable(name.name());
                }
            }
            for (UniqueKey key : definition.uniqueKeys()) {
                if (key.name().equals(name.name())) {
                    throw notDeferrable(name.name());
                }
            }
        }
        return found;
    }

    private static DbException notDeferrable(String name) {
        return DbException.of(SqlState.WRONG_OBJECT_TYPE, "constraint \"%s\" is not deferrable", name);
    }
}
