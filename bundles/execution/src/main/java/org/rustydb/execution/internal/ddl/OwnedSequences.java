package org.rustydb.execution.internal.ddl;

import java.util.Locale;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.SequenceDefinition;

/**
 * The sequences serial and identity columns own: named {@code <table>_<column>_seq} (numbered
 * when taken), owned by their column (dropped with its table), and the column's default
 * {@code nextval('<schema>.<sequence>')}.
 */
final class OwnedSequences {

    /** How a column gets its values: the sequence's options and the column's identity kind. */
    record Generator(SqlType type, ColumnDefinition.Identity identity, SequenceOptions options) {
        SequenceDefinition define(String schema, String table, ColumnDefinition column, NameChooser chooser) {
            String name = chooser.choose(table + "_" + column.name(), "seq", true);
            options.type = type;
            return options.define(schema, name, table, column.name());
        }
    }

    private OwnedSequences() {
    }

    /** The generator of a serial type name (serial, bigserial, smallserial and their aliases), else null. */
    static Generator serial(String typeName) {
        SqlType type = switch (typeName.toLowerCase(Locale.ROOT)) {
            case "serial", "serial4" -> SqlType.INTEGER;
            case "bigserial", "serial8" -> SqlType.BIGINT;
            case "smallserial", "serial2" -> SqlType.SMALLINT;
            default -> null;
        };
        return type == null ? null : new Generator(type, ColumnDefinition.Identity.NONE, new SequenceOptions());
    }

    /** The generator of GENERATED ... AS IDENTITY on a column; 22023 unless it is of an integer type. */
    static Generator identity(ColumnDefinition column, ConstraintClause.Identity clause) {
        if (!column.type().isInteger()) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "identity column type must be smallint, integer, or bigint")
                    .withPosition(clause.position());
        }
        return new Generator(column.type(), clause.always() ? ColumnDefinition.Identity.ALWAYS
                : ColumnDefinition.Identity.BY_DEFAULT, clause.options());
    }

    /**
     * Drops the sequences a table's column (or any column, when {@code column} is null) owns: by
     * the owner the sequence names, or by the column's generated default naming the sequence
     * (which stays right when the table or column is renamed).
     */
    static void dropOwned(org.rustydb.execution.internal.binder.BindContext ctx,
                          org.rustydb.spi.storage.TableDefinition table, String column) {
        var storage = ctx.session().storage();
        java.util.Set<String> defaults = new java.util.HashSet<>();
        for (ColumnDefinition c : table.columns()) {
            if (c.defaultExpression() != null && (column == null || column.equals(c.name()))) {
                defaults.add(c.defaultExpression());
            }
        }
        for (var sequence : storage.listSequences(ctx.transaction())) {
            SequenceDefinition d = sequence.definition();
            boolean owned = d.schema().equals(table.schema()) && table.name().equals(d.ownerTable())
                    && (column == null || column.equals(d.ownerColumn()));
            if (owned || (d.ownerTable() != null && defaults.contains(nextvalText(d)))) {
                storage.dropSequence(ctx.transaction(), sequence);
            }
        }
    }

    /** The DEFAULT that draws from a sequence. */
    static String nextvalText(SequenceDefinition sequence) {
        String qualified = quote(sequence.schema()) + "." + quote(sequence.name());
        return "nextval('" + qualified.replace("'", "''") + "')";
    }

    static String quote(String identifier) {
        if (identifier.matches("[a-z_][a-z0-9_$]*")) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
