package org.rustydb.execution.internal.ddl;

import org.rustydb.execution.internal.privilege.AccessControl;
import org.rustydb.spi.security.ObjectRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.Catalog;
import org.rustydb.execution.internal.binder.ColumnDefaults;
import org.rustydb.execution.internal.binder.TypeResolution;
import org.rustydb.execution.internal.constraint.CheckExpressions;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;

/**
 * CREATE TABLE: column types and the constraints, column or table level: NOT NULL, PRIMARY KEY,
 * UNIQUE, CHECK and FOREIGN KEY, named as PostgreSQL names them ({@code t_pkey}, {@code t_a_key},
 * {@code t_a_check}, {@code t_a_fkey}) and checked in its order: keys, then CHECKs, then foreign keys.
 */
public final class CreateTableCommand {
    private static final int MAX_COLUMNS = 1600;

    private final BindContext ctx;
    private final CreateTable create;
    private final String table;
    private final TableElements elements;
    private final List<org.rustydb.spi.storage.ColumnDefinition> columns = new ArrayList<>();
    private final List<Boolean> notNull = new ArrayList<>();
    private final List<KeyDefinitions.KeySpec> keys = new ArrayList<>();
    /** Table-level keys, whose columns are resolved once every column is known. */
    private final List<ConstraintClause.Key> tableKeys = new ArrayList<>();
    private final List<ConstraintClause.Check> checks = new ArrayList<>();
    private final List<ForeignKeyDefinitions.Spec> references = new ArrayList<>();
    /** Per column: its DEFAULT as written, or null. */
    private final List<org.rustydb.execution.internal.parser.ExpressionText> defaults = new ArrayList<>();
    /** Per column: the sequence a serial or identity column gets, or null. */
    private final List<OwnedSequences.Generator> generators = new ArrayList<>();

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
        boolean temporary = checkSupported();
        String schema = temporary ? temporarySchema() : Catalog.schemaName(ctx, create.getTable(), true);
        if (temporary && !AccessControl.has(ctx.session(), ctx.transaction(),
                ObjectRef.database(ctx.session().database()), org.rustydb.spi.security.Privilege.TEMPORARY.bit())) {
            throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied to create temporary tables in database \"%s\"", ctx.session().database())
                    .withPosition(ctx.pos(create.getTable()));
        }
        try {
            AccessControl.requireCreate(ctx.session(), ctx.transaction(), schema);
        } catch (DbException e) {
            throw e.withPosition(ctx.pos(create.getTable()));
        }
        if (create.isIfNotExists() && Relations.relationExists(ctx, schema, table)) {
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
        for (TableElements.Element element : elements.elements()) {
            if (!element.column()) {
                tableConstraint(ConstraintSyntax.table(ctx.source().statement(), element.tokens()));
                continue;
            }
            if (columns.size() >= defs.size()) {
                throw unsupported("this form of CREATE TABLE is");
            }
            ColumnDefinition def = defs.get(columns.size());
            String name = Identifiers.name(def.getColumnName());
            if (!names.add(name)) {
                throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" specified more than once", name);
            }
            OwnedSequences.Generator serial = OwnedSequences.serial(def.getColDataType().getDataType());
            DataType type = serial != null ? DataType.of(serial.type())
                    : TypeResolution.resolve(def.getColDataType(), elements.typePosition(columns.size()));
            columns.add(new org.rustydb.spi.storage.ColumnDefinition(name, type.type(), type.typmod(), false));
            defaults.add(null);
            generators.add(serial);
            notNull.add(columnConstraints(ConstraintSyntax.column(ctx.source().statement(), element.tokens()), name)
                    || generators.get(generators.size() - 1) != null);
        }
        if (columns.size() != defs.size()) {
            throw unsupported("this form of CREATE TABLE is");
        }
        for (ConstraintClause.Key key : tableKeys) {
            keys.add(new KeyDefinitions.KeySpec(key.name(), keyColumns(key), key.primary(), key.position()));
        }
        List<KeyDefinitions.KeySpec> keySpecs = KeyDefinitions.dedupe(table, keys);
        NameChooser chooser = NameChooser.forSchema(ctx, schema);
        Set<String> tableNames = new HashSet<>();
        TableDefinition plain = new TableDefinition(schema, table, columns, List.of());
        List<CheckConstraint> checkConstraints = defineChecks(plain, chooser, tableNames);
        List<UniqueKey> uniqueKeys = KeyDefinitions.define(table, columns, keySpecs, tableNames, chooser);
        for (UniqueKey key : uniqueKeys) {
            if (key.primary()) {
                key.columns().forEach(c -> notNull.set(c, true));
            }
        }
        List<org.rustydb.spi.storage.ColumnDefinition> finalColumns = new ArrayList<>();
        List<org.rustydb.spi.storage.SequenceDefinition> sequences = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            org.rustydb.spi.storage.ColumnDefinition c = columns.get(i);
            org.rustydb.spi.storage.ColumnDefinition column = new org.rustydb.spi.storage.ColumnDefinition(c.name(),
                    c.type(), c.typeModifier(), notNull.get(i));
            OwnedSequences.Generator generator = generators.get(i);
            if (generator != null) {
                org.rustydb.spi.storage.SequenceDefinition sequence = generator.define(schema, table, column, chooser);
                sequences.add(sequence);
                column = column.withDefault(OwnedSequences.nextvalText(sequence)).withIdentity(generator.identity());
            } else if (defaults.get(i) != null) {
                ColumnDefaults.bind(ctx.session(), ctx.transaction(), ctx.notices(), column, defaults.get(i));
                column = column.withDefault(defaults.get(i).text());
            }
            finalColumns.add(column);
        }
        TableDefinition keyed = new TableDefinition(schema, table, finalColumns, uniqueKeys, checkConstraints,
                List.of());
        List<ForeignKey> foreignKeys = ForeignKeyDefinitions.define(ctx, keyed, references, tableNames, chooser);
        ctx.session().storage().createTable(ctx.transaction(), keyed.withConstraints(checkConstraints, foreignKeys));
        ObjectRef ref = ObjectRef.relation(schema, table);
        AccessControl.created(ctx.session(), ctx.transaction(), ref);
        for (org.rustydb.spi.storage.SequenceDefinition sequence : sequences) {
            ctx.session().storage().createSequence(ctx.transaction(), sequence);
            AccessControl.createdFor(ctx.session(), ctx.transaction(), ObjectRef.sequence(schema, sequence.name()), ref);
        }
        return Results.command("CREATE TABLE");
    }

    /**
     * The schema of a CREATE TEMP TABLE: the session's temporary schema; naming another schema is
     * 42P16, as in PostgreSQL.
     */
    private String temporarySchema() {
        String named = create.getTable().getSchemaName();
        if (named != null && !Identifiers.name(named).equals(SearchPath.PG_TEMP)
                && !Identifiers.name(named).equals(ctx.session().temporarySchema())) {
            throw DbException.of(SqlState.INVALID_TABLE_DEFINITION,
                    "cannot create temporary relation in non-temporary schema").withPosition(ctx.pos(create.getTable()));
        }
        return ctx.session().temporarySchema();
    }

    /** Refuses what is not supported yet; true for a temporary table (TEMP, TEMPORARY, LOCAL/GLOBAL TEMP). */
    private boolean checkSupported() {
        List<String> options = create.getCreateOptionsStrings();
        boolean temporary = false;
        if (options != null && !options.isEmpty()) {
            String joined = String.join(" ", options).toUpperCase(Locale.ROOT);
            if (!joined.matches("((LOCAL|GLOBAL) )?(TEMP|TEMPORARY)")) {
                throw unsupported("CREATE " + joined + " TABLE is");
            }
            if (joined.startsWith("GLOBAL")) {
                ctx.notice(Notice.warning(SqlState.WARNING, "GLOBAL is deprecated in temporary table creation"));
            }
            temporary = true;
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
        StorageParameters.check(create.getTableOptionsStrings());
        return temporary;
    }

    /** Records the constraints of the column being added; returns whether it is NOT NULL. */
    private boolean columnConstraints(List<ConstraintClause> clauses, String column) {
        int index = columns.size() - 1;
        boolean isNotNull = false;
        boolean nullable = false;
        for (ConstraintClause clause : clauses) {
            if (clause instanceof ConstraintClause.Nullability n) {
                if (n.notNull() ? nullable : isNotNull) {
                    throw DbException.of(SqlState.SYNTAX_ERROR,
                                    "conflicting NULL/NOT NULL declarations for column \"%s\" of table \"%s\"", column,
                                    table)
                            .withPosition(n.position());
                }
                isNotNull |= n.notNull();
                nullable |= !n.notNull();
            } else if (clause instanceof ConstraintClause.Key k) {
                keys.add(new KeyDefinitions.KeySpec(k.name(), List.of(index), k.primary(), k.position()));
            } else if (clause instanceof ConstraintClause.Check c) {
                checks.add(c);
            } else if (clause instanceof ConstraintClause.References r) {
                references.add(new ForeignKeyDefinitions.Spec(r, List.of(column)));
            } else if (clause instanceof ConstraintClause.Default d) {
                if (defaults.get(index) != null || generators.get(index) != null) {
                    throw DbException.of(SqlState.SYNTAX_ERROR,
                            "multiple default values specified for column \"%s\" of table \"%s\"", column, table)
                            .withPosition(d.position());
                }
                defaults.set(index, d.expression());
            } else if (clause instanceof ConstraintClause.Identity id) {
                if (defaults.get(index) != null || generators.get(index) != null) {
                    throw DbException.of(SqlState.SYNTAX_ERROR,
                            "both default and identity specified for column \"%s\" of table \"%s\"", column, table)
                            .withPosition(id.position());
                }
                generators.set(index, OwnedSequences.identity(columns.get(index), id));
                isNotNull = true;
            }
        }
        return isNotNull;
    }

    private void tableConstraint(ConstraintClause clause) {
        if (clause instanceof ConstraintClause.Key k) {
            tableKeys.add(k);
        } else if (clause instanceof ConstraintClause.Check c) {
            checks.add(c);
        } else if (clause instanceof ConstraintClause.References r) {
            references.add(new ForeignKeyDefinitions.Spec(r, r.columns()));
        } else {
            throw new IllegalStateException("not a table constraint: " + clause);
        }
    }

    private List<Integer> keyColumns(ConstraintClause.Key key) {
        List<Integer> cols = new ArrayList<>();
        for (String name : key.columns()) {
            int column = indexOf(name);
            if (column < 0) {
                throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" named in key does not exist", name)
                        .withPosition(key.position());
            }
            if (cols.contains(column)) {
                throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" appears twice in %s constraint", name,
                        key.primary() ? "primary key" : "unique").withPosition(key.position());
            }
            cols.add(column);
        }
        return cols;
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
     * Binds each CHECK over the new table's row and names it, in the order written: an unnamed one
     * after its only column ({@code t_a_check}) or the table ({@code t_check}).
     */
    private List<CheckConstraint> defineChecks(TableDefinition plain, NameChooser chooser, Set<String> tableNames) {
        List<CheckConstraint> out = new ArrayList<>();
        for (ConstraintClause.Check check : checks) {
            CheckExpressions.Bound bound = CheckExpressions.bind(ctx.session(), ctx.transaction(), ctx.notices(), plain,
                    check.expression());
            String name = check.name();
            if (name == null) {
                String base = bound.columns().size() == 1
                        ? table + "_" + columns.get(bound.columns().iterator().next()).name() : table;
                name = chooser.choose(base, "check", false);
            } else if (tableNames.contains(name)) {
                throw DbException.of(SqlState.DUPLICATE_OBJECT, "check constraint \"%s\" already exists", name);
            } else {
                chooser.take(name);
            }
            tableNames.add(name);
            out.add(new CheckConstraint(name, check.expression().text()));
        }
        return out;
    }
}
