package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ExcludeConstraint;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.SqlState;
import org.rustydb.api.Results;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.Catalog;
import org.rustydb.execution.internal.binder.TypeResolution;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;

/**
 * CREATE TABLE: column types, NOT NULL, and PRIMARY KEY / UNIQUE constraints (column or table
 * level) named as PostgreSQL names them ({@code t_pkey}, {@code t_a_key}).
 */
public final class CreateTableCommand {
    private static final int MAX_COLUMNS = 1600;

    private final BindContext ctx;
    private final CreateTable create;
    private final String table;
    private final List<org.rustydb.spi.storage.ColumnDefinition> columns = new ArrayList<>();
    private final List<KeySpec> keys = new ArrayList<>();
    private final TableElements elements;

    /** A PRIMARY KEY or UNIQUE constraint before naming; {@code position} is where it is written. */
    private record KeySpec(String name, List<Integer> columns, boolean primary, int position) {
    }

    private CreateTableCommand(BindContext ctx, CreateTable create) {
        this.ctx = ctx;
        this.create = create;
        this.table = Catalog.tableName(create.getTable());
        this.elements = new TableElements(ctx.source().statement());
    }

    public static Result run(BindContext ctx, CreateTable create) {
        return new CreateTableCommand(ctx, create).run();
    }

    private DbException unsupported(String subject) {
        return DbException.of(SqlState.FEATURE_NOT_SUPPORTED, subject + " not supported yet");
    }

    private Result run() {
        checkSupported();
        String schema = Catalog.schemaName(ctx, create.getTable(), true);
        if (create.isIfNotExists() && Relations.findTable(ctx, schema, table).isPresent()) {
            ctx.notice(Notice.notice(SqlState.DUPLICATE_TABLE, String.format(
                    "relation \"%s\" already exists, skipping", Catalog.tableName(create.getTable()))));
            return Results.command("CREATE TABLE");
        }
        SearchPath.checkCreatable(schema, table);
        List<ColumnDefinition> defs = create.getColumnDefinitions() == null ? List.of() : create.getColumnDefinitions();
        if (defs.size() > MAX_COLUMNS) {
            throw DbException.of(SqlState.TOO_MANY_COLUMNS, "tables can have at most %d columns", MAX_COLUMNS);
        }
        Set<String> names = new HashSet<>();
        List<Boolean> notNull = new ArrayList<>();
        for (ColumnDefinition def : defs) {
            String name = Identifiers.name(def.getColumnName());
            if (!names.add(name)) {
                throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" specified more than once", name);
            }
            DataType type = TypeResolution.resolve(def.getColDataType(), elements.typePosition(columns.size()));
            notNull.add(columnConstraints(def, name, columns.size()));
            columns.add(new org.rustydb.spi.storage.ColumnDefinition(name, type.type(), type.typmod(), false));
        }
        if (create.getIndexes() != null) {
            for (int i = 0; i < create.getIndexes().size(); i++) {
                tableConstraint(create.getIndexes().get(i), elements.constraintPosition(i));
            }
        }
        List<UniqueKey> uniqueKeys = nameKeys(dedupe());
        for (UniqueKey key : uniqueKeys) {
            if (key.primary()) {
                key.columns().forEach(c -> notNull.set(c, true));
            }
        }
        List<org.rustydb.spi.storage.ColumnDefinition> finalColumns = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            org.rustydb.spi.storage.ColumnDefinition c = columns.get(i);
            finalColumns.add(new org.rustydb.spi.storage.ColumnDefinition(c.name(), c.type(), c.typeModifier(),
                    notNull.get(i)));
        }
        ctx.session().storage().createTable(ctx.transaction(),
                new TableDefinition(schema, table, finalColumns, uniqueKeys));
        return Results.command("CREATE TABLE");
    }

    private void checkSupported() {
        List<String> options = create.getCreateOptionsStrings();
        if (options != null && !options.isEmpty()) {
            String joined = String.join(" ", options).toUpperCase(Locale.ROOT);
            throw unsupported(joined.contains("TEMP") ? "temporary tables are" : "CREATE " + joined + " TABLE is");
        }
        if (create.isUnlogged()) {
            throw unsupported("unlogged tables are");
        }
        if (create.getSelect() != null) {
            throw unsupported("CREATE TABLE AS is");
        }
        if (create.getLikeTable() != null || create.getTrailingLikeTable() != null) {
            throw unsupported("CREATE TABLE LIKE is");
        }
        if (create.getPartitioning() != null || create.getPartitionOf() != null) {
            throw unsupported("partitioned tables are");
        }
        if (create.getOfType() != null) {
            throw unsupported("typed tables are");
        }
        List<String> tableOptions = create.getTableOptionsStrings();
        if (tableOptions != null && !tableOptions.isEmpty() && !(tableOptions.size() == 1
                && tableOptions.get(0).replace(" ", "").equals("()"))) {
            throw unsupported("table options (" + String.join(" ", tableOptions) + ") are");
        }
    }

    /** Applies the column's constraints; returns whether it is NOT NULL. */
    private boolean columnConstraints(ColumnDefinition def, String column, int index) {
        List<String> specs = def.getColumnSpecs() == null ? List.of() : def.getColumnSpecs();
        boolean notNull = false;
        boolean nullable = false;
        String constraintName = null;
        int primaryKeys = 0;
        int uniques = 0;
        int nulls = 0;
        for (int i = 0; i < specs.size(); i++) {
            String word = specs.get(i).toUpperCase(Locale.ROOT);
            String next = i + 1 < specs.size() ? specs.get(i + 1).toUpperCase(Locale.ROOT) : "";
            int conflictPosition = 0;
            if (word.equals("NOT") && next.equals("NULL")) {
                conflictPosition = nullable ? elements.wordPosition(index, "null", nulls) - 4 : 0;
                notNull = true;
                nulls++;
                i++;
            } else if (word.equals("NULL")) {
                conflictPosition = notNull ? elements.wordPosition(index, "null", nulls) : 0;
                nullable = true;
                nulls++;
            } else if (word.equals("PRIMARY") && next.equals("KEY")) {
                keys.add(new KeySpec(constraintName, List.of(index), true,
                        elements.wordPosition(index, "primary", primaryKeys++)));
                i++;
            } else if (word.equals("UNIQUE")) {
                keys.add(new KeySpec(constraintName, List.of(index), false,
                        elements.wordPosition(index, "unique", uniques++)));
            } else if (word.equals("CONSTRAINT") && i + 1 < specs.size()) {
                constraintName = Identifiers.name(specs.get(++i));
                continue;
            } else if (word.equals("DEFAULT")) {
                throw unsupported("column defaults are");
            } else if (word.startsWith("CHECK")) {
                throw unsupported("CHECK constraints are");
            } else if (word.startsWith("REFERENCES")) {
                throw unsupported("FOREIGN KEY constraints are");
            } else if (word.equals("COLLATE")) {
                throw unsupported("COLLATE is");
            } else if (word.equals("GENERATED")) {
                throw unsupported("identity and generated columns are");
            } else {
                throw unsupported("the column option " + specs.get(i) + " is");
            }
            constraintName = null;
            if (notNull && nullable) {
                throw DbException.of(SqlState.SYNTAX_ERROR,
                                "conflicting NULL/NOT NULL declarations for column \"%s\" of table \"%s\"", column, table)
                        .withPosition(Math.max(conflictPosition, 0));
            }
        }
        return notNull;
    }

    private void tableConstraint(Index index, int position) {
        if (index instanceof ForeignKeyIndex) {
            throw unsupported("FOREIGN KEY constraints are");
        }
        if (index instanceof CheckConstraint) {
            throw unsupported("CHECK constraints are");
        }
        if (index instanceof ExcludeConstraint) {
            throw unsupported("EXCLUDE constraints are");
        }
        String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        boolean primary = type.equals("PRIMARY KEY");
        if (!primary && !type.equals("UNIQUE")) {
            throw unsupported("the table constraint " + index + " is");
        }
        List<Integer> cols = new ArrayList<>();
        for (String raw : index.getColumnsNames()) {
            String name = Identifiers.name(raw);
            int column = indexOf(name);
            if (column < 0) {
                throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" named in key does not exist", name)
                        .withPosition(position);
            }
            if (cols.contains(column)) {
                throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" appears twice in %s constraint", name,
                        primary ? "primary key" : "unique").withPosition(position);
            }
            cols.add(column);
        }
        keys.add(new KeySpec(index.getName() == null ? null : Identifiers.name(index.getName()), cols, primary,
                position));
    }

    private int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * PostgreSQL's order and de-duplication: the primary key first, then the others in order,
     * dropping one that repeats the columns of an earlier one (unless both carry different names).
     */
    private List<KeySpec> dedupe() {
        List<KeySpec> result = new ArrayList<>();
        KeySpec primary = null;
        for (KeySpec k : keys) {
            if (k.primary()) {
                if (primary != null) {
                    throw DbException.of(SqlState.INVALID_TABLE_DEFINITION,
                            "multiple primary keys for table \"%s\" are not allowed", table).withPosition(k.position());
                }
                primary = k;
            }
        }
        if (primary != null) {
            result.add(primary);
        }
        for (KeySpec k : keys) {
            if (k == primary) {
                continue;
            }
            boolean keep = true;
            for (int i = 0; i < result.size(); i++) {
                KeySpec prior = result.get(i);
                if (prior.columns().equals(k.columns())
                        && (k.name() == null || prior.name() == null || prior.name().equals(k.name()))) {
                    if (prior.name() == null && k.name() != null) {
                        result.set(i, new KeySpec(k.name(), prior.columns(), prior.primary(), prior.position()));
                    }
                    keep = false;
                    break;
                }
            }
            if (keep) {
                result.add(k);
            }
        }
        return result;
    }

    /** Gives unnamed keys PostgreSQL's names, adding a number when a name is taken. */
    private List<UniqueKey> nameKeys(List<KeySpec> specs) {
        Set<String> used = new HashSet<>();
        for (KeySpec k : specs) {
            if (k.name() != null && !used.add(k.name())) {
                throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", k.name());
            }
        }
        List<UniqueKey> out = new ArrayList<>();
        for (KeySpec k : specs) {
            String name = k.name();
            if (name == null) {
                StringBuilder base = new StringBuilder(table);
                if (!k.primary()) {
                    for (int c : k.columns()) {
                        base.append('_').append(columns.get(c).name());
                    }
                }
                String label = k.primary() ? "pkey" : "key";
                name = base + "_" + label;
                for (int n = 1; used.contains(name); n++) {
                    name = base + "_" + label + n;
                }
                used.add(name);
            }
            out.add(new UniqueKey(name, k.columns(), k.primary()));
        }
        return out;
    }
}
