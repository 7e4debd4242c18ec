package org.rustydb.execution.internal.ddl;

import java.util.HashSet;
import java.util.Set;

import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;

/**
 * Chooses the names of unnamed constraints as PostgreSQL does: {@code <table>_<columns>_<label>},
 * then with 1, 2, ... appended until the name is used by no constraint of the schema (and, for the
 * indexes of keys, by no relation), nor by a constraint named before in the same statement.
 */
final class NameChooser {
    private final Set<String> constraints = new HashSet<>();
    private final Set<String> relations = new HashSet<>();

    /** The names used in a schema now. */
    static NameChooser forSchema(BindContext ctx, String schema) {
        NameChooser chooser = new NameChooser();
        for (TableHandle table : ctx.session().storage().listTables(ctx.transaction())) {
            TableDefinition definition = table.definition();
            if (!definition.schema().equals(schema)) {
                continue;
            }
            chooser.relations.add(definition.name());
            definition.uniqueKeys().stream().map(UniqueKey::name).forEach(chooser.constraints::add);
            definition.checks().stream().map(CheckConstraint::name).forEach(chooser.constraints::add);
            definition.foreignKeys().stream().map(ForeignKey::name).forEach(chooser.constraints::add);
            for (IndexHandle index : ctx.session().storage().indexes(ctx.transaction(), table)) {
                chooser.relations.add(index.definition().name());
            }
        }
        for (org.rustydb.spi.storage.SequenceHandle sequence
                : ctx.session().storage().listSequences(ctx.transaction())) {
            if (sequence.definition().schema().equals(schema)) {
                chooser.relations.add(sequence.definition().name());
            }
        }
        return chooser;
    }

    /** A new name from {@code base} and {@code label}; {@code relation} when it names an index too. */
    String choose(String base, String label, boolean relation) {
        String name = base + "_" + label;
        for (int n = 1; constraints.contains(name) || (relation && relations.contains(name)); n++) {
            name = base + "_" + label + n;
        }
        take(name);
        return name;
    }

    /** True when a table, index or sequence of the schema has this name. */
    boolean isRelation(String name) {
        return relations.contains(name);
    }

    /** Marks a name as used by a constraint of the table being defined. */
    void take(String name) {
        constraints.add(name);
    }
}
