package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.Coercions;
import org.rustydb.execution.internal.binder.ColumnDefaults;
import org.rustydb.execution.internal.binder.ExpressionBinder;
import org.rustydb.execution.internal.binder.Scope;
import org.rustydb.execution.internal.constraint.CheckExpressions;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.parser.ExpressionText;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.execution.internal.types.TypeNames;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;

/**
 * ALTER TABLE ... ALTER COLUMN ... [SET DATA] TYPE, as PostgreSQL 15 does it: the consecutive
 * clauses of one statement make one rewrite, in which each row's new values are computed from its
 * old ones (the USING expression, or the column converted by assignment cast). Defaults must
 * convert too, CHECKs over the columns and NOT NULL are checked on the new values, foreign keys
 * must still compare and are validated again, and the indexes and unique keys over the columns
 * are built again after the rewrite (23505 {@code could not create unique index}). The engine
 * rewrites the rows ({@link StorageEngine#convertColumns}); unique keys and indexes over the
 * columns are dropped before and made again after, in the same transaction.
 */
final class AlterColumnType {
    /** Collations whose order is the one every string already has here (code points, PostgreSQL's C). */
    private static final Set<String> CODE_POINT_COLLATIONS = Set.of("default", "c", "posix", "ucs_basic");
    private static final int CANCEL_CHECK_INTERVAL = 4096;

    private AlterColumnType() {
    }

    /** Reads the clause after {@code ALTER [COLUMN] name}, at {@code [SET DATA] TYPE}. */
    static AlterTableSyntax.AlterType parse(DdlTokens in, String column) {
        if (in.acceptWord("set")) {
            in.expectWord("data");
        }
        in.expectWord("type");
        DdlTokens.TypeName type = in.typeName(t -> t.isWord("collate") || t.isWord("using"));
        String collation = in.acceptWord("collate") ? in.name() : null;
        ExpressionText using = in.acceptWord("using") ? in.expressionUntil(Set.of()) : null;
        return new AlterTableSyntax.AlterType(column, type.name(), type.arguments(), type.array(), type.position(),
                collation, using);
    }

    /** Runs the clauses on the table (locked ACCESS EXCLUSIVE by the caller). */
    static void run(BindContext ctx, TableHandle table, List<AlterTableSyntax.AlterType> clauses) {
        TableDefinition old = table.definition();
        BoundExpr[] conversions = new BoundExpr[old.columns().size()];
        List<ColumnDefinition> columns = new ArrayList<>(old.columns());
        Set<Integer> converted = new TreeSet<>();
        for (AlterTableSyntax.AlterType clause : clauses) {
            int column = old.columnIndex(clause.column());
            if (column < 0) {
                throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist",
                        clause.column(), old.name());
            }
            if (!converted.add(column)) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter type of column \"%s\" twice",
                        clause.column());
            }
            DataType type = TypeNames.resolve(clause.typeName(), clause.typeArguments(), clause.array(),
                    clause.typePosition());
            checkCollation(clause.collation(), type);
            conversions[column] = conversion(ctx, old, clause, type);
            ColumnDefinition was = old.columns().get(column);
            if (was.identity() != ColumnDefinition.Identity.NONE && !type.type().isInteger()) {
                throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                        "identity column type must be smallint, integer, or bigint");
            }
            columns.set(column, new ColumnDefinition(was.name(), type.type(), type.typmod(), was.notNull(),
                    was.defaultExpression(), was.identity()));
        }
        TableDefinition target = AlterTableCommand.with(old, old.name(), columns, old.uniqueKeys(), old.checks(),
                old.foreignKeys());
        for (int column : converted) {
            checkDefault(ctx, old.columns().get(column), columns.get(column));
        }
        ViewGuards.alterType(ctx, old, converted.stream().map(c -> old.columns().get(c).name()).toList());
        AlterTypeForeignKeys foreignKeys = new AlterTypeForeignKeys(ctx, target, converted);
        foreignKeys.checkTypes();
        List<BoundExpr> checks = new ArrayList<>();
        List<String> checkNames = new ArrayList<>();
        for (CheckConstraint check : old.checks()) {
            CheckExpressions.Bound bound = CheckExpressions.bind(ctx.session(), ctx.transaction(), ctx.notices(),
                    target, ExpressionText.parse(check.expression()));
            if (bound.columns().stream().anyMatch(converted::contains)) {
                checks.add(bound.condition());
                checkNames.add(check.name());
            }
        }
        rewrite(ctx, table, target, converted, row -> {
            Object[] values = new Object[row.length];
            for (int i = 0; i < row.length; i++) {
                values[i] = conversions[i] == null ? row[i] : conversions[i].eval(row);
                if (values[i] == null && columns.get(i).notNull()) {
                    throw DbException.of(SqlState.NOT_NULL_VIOLATION,
                            "column \"%s\" of relation \"%s\" contains null values", columns.get(i).name(), old.name());
                }
            }
            for (int c = 0; c < checks.size(); c++) {
                if (Boolean.FALSE.equals(checks.get(c).eval(values))) {
                    throw DbException.of(SqlState.CHECK_VIOLATION,
                            "check constraint \"%s\" of relation \"%s\" is violated by some row", checkNames.get(c),
                            old.name());
                }
            }
            return values;
        });
        foreignKeys.validate();
    }

    /**
     * The rewrite itself: the indexes and unique keys over converted columns go first (the engine
     * converts no index), then come back over the new values, so a duplicate the conversion made
     * is PostgreSQL's index build error.
     */
    private static void rewrite(BindContext ctx, TableHandle table, TableDefinition target, Set<Integer> converted,
                                java.util.function.UnaryOperator<Object[]> conversion) {
        StorageEngine storage = ctx.session().storage();
        TableDefinition old = table.definition();
        List<IndexDefinition> indexes = new ArrayList<>();
        for (IndexHandle index : storage.indexes(ctx.transaction(), table)) {
            boolean key = old.uniqueKeys().stream().anyMatch(k -> k.name().equals(index.definition().name()));
            if (!key && index.definition().columns().stream().anyMatch(converted::contains)) {
                indexes.add(index.definition());
                storage.dropIndex(ctx.transaction(), index);
            }
        }
        List<UniqueKey> kept = old.uniqueKeys().stream()
                .filter(k -> k.columns().stream().noneMatch(converted::contains)).toList();
        int width = old.columns().size();
        TableHandle current = table;
        if (kept.size() != old.uniqueKeys().size()) {
            AlterTableCommand.alter(ctx, current, AlterTableCommand.with(old, old.name(), old.columns(), kept,
                    old.checks(), old.foreignKeys()), AlterTableCommand.identity(width));
            current = refind(ctx, old);
        }
        int[] rows = {0};
        storage.convertColumns(ctx.transaction(), current, AlterTableCommand.with(target, target.name(),
                target.columns(), kept, target.checks(), target.foreignKeys()), converted, row -> {
                    if (++rows[0] % CANCEL_CHECK_INTERVAL == 0) {
                        ctx.session().checkCancelled();
                    }
                    return conversion.apply(row);
                });
        current = refind(ctx, old);
        if (kept.size() != old.uniqueKeys().size()) {
            AlterTableCommand.alter(ctx, current, target, AlterTableCommand.identity(width));
            current = refind(ctx, old);
        }
        for (IndexDefinition index : indexes) {
            storage.createIndex(ctx.transaction(), current, index);
        }
        ctx.session().checkCancelled();
    }

    private static TableHandle refind(BindContext ctx, TableDefinition def) {
        return Relations.findTable(ctx, def.schema(), def.name()).orElseThrow();
    }

    /**
     * The new value of the column from the old row: USING's expression, else the column itself,
     * converted to the new type by assignment (42804 with PostgreSQL's hint when no such cast).
     */
    private static BoundExpr conversion(BindContext ctx, TableDefinition old, AlterTableSyntax.AlterType clause,
                                        DataType type) {
        ExpressionText text = clause.using() != null ? clause.using()
                : ExpressionText.parse(OwnedSequences.quote(clause.column()));
        BindContext bind = new BindContext(ctx.session(), ctx.transaction(), text.source(), ctx.notices());
        checkTransform(bind, text);
        BoundExpr value = new ExpressionBinder(bind).bind(text.expression(), Scope.of(old, null));
        BoundExpr convertedValue = Coercions.coerce(value, type, Casts.Context.ASSIGNMENT);
        if (convertedValue != null) {
            return convertedValue;
        }
        if (clause.using() != null) {
            throw DbException.of(SqlState.DATATYPE_MISMATCH,
                            "result of USING clause for column \"%s\" cannot be cast automatically to type %s",
                            clause.column(), type.displayName())
                    .withHint("You might need to add an explicit cast.");
        }
        throw DbException.of(SqlState.DATATYPE_MISMATCH, "column \"%s\" cannot be cast automatically to type %s",
                        clause.column(), type.displayName())
                .withHint(String.format("You might need to specify \"USING %s::%s\".",
                        OwnedSequences.quote(clause.column()), type.displayName()));
    }

    /**
     * A default must convert to the new type by assignment from the old one (42804 otherwise), as
     * PostgreSQL's, which are stored typed. Its text stays as written and is bound to the new type
     * when used; a value that does not fit fails then, not now, as in PostgreSQL.
     */
    private static void checkDefault(BindContext ctx, ColumnDefinition was, ColumnDefinition column) {
        if (column.defaultExpression() == null) {
            return;
        }
        // typed as PostgreSQL stores it: the old type without its modifier ('abcdefgh'::character varying)
        BoundExpr value;
        try {
            value = ColumnDefaults.bind(ctx.session(), ctx.transaction(), ctx.notices(),
                    new ColumnDefinition(was.name(), was.type(), -1, false, was.defaultExpression(), was.identity()));
        } catch (DbException e) {
            return;
        }
        DataType type = new DataType(column.type(), column.typeModifier());
        if (Coercions.coerce(value, type, Casts.Context.ASSIGNMENT) == null) {
            throw DbException.of(SqlState.DATATYPE_MISMATCH, "default for column \"%s\" cannot be cast automatically "
                    + "to type %s", column.name(), type.displayName());
        }
    }

    /** Strings take the collations whose order they have; other types none, as in PostgreSQL. */
    private static void checkCollation(String collation, DataType type) {
        if (collation == null) {
            return;
        }
        SqlType base = type.type().isArray() ? type.type().elementType() : type.type();
        if (!base.isString()) {
            throw DbException.of(SqlState.DATATYPE_MISMATCH, "collations are not supported by type %s",
                    type.displayName());
        }
        if (!CODE_POINT_COLLATIONS.contains(collation.toLowerCase(Locale.ROOT))) {
            throw DbException.of(SqlState.UNDEFINED_OBJECT, "collation \"%s\" for encoding \"UTF8\" does not exist",
                    collation);
        }
    }

    /** What a transform expression may not contain: subqueries, aggregates, window functions. */
    private static void checkTransform(BindContext ctx, ExpressionText text) {
        text.expression().accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Function function, S context) {
                String name = function.getName() == null ? "" : function.getName();
                name = Identifiers.name(name.substring(name.lastIndexOf('.') + 1)).toLowerCase(Locale.ROOT);
                if (ExpressionBinder.isAggregate(name)) {
                    throw DbException.of(SqlState.GROUPING_ERROR,
                            "aggregate functions are not allowed in transform expressions").withPosition(ctx.pos(function));
                }
                return super.visit(function, context);
            }

            @Override
            public <S> Void visit(AnalyticExpression expression, S context) {
                throw DbException.of(SqlState.WINDOWING_ERROR, "window functions are not allowed in transform "
                        + "expressions").withPosition(ctx.pos(expression));
            }

            @Override
            public <S> Void visit(ParenthesedSelect select, S context) {
                throw subquery(ctx, select);
            }

            @Override
            public <S> Void visit(Select select, S context) {
                throw subquery(ctx, select);
            }

            @Override
            public <S> Void visit(ExistsExpression exists, S context) {
                throw subquery(ctx, exists);
            }
        }, null);
    }

    private static DbException subquery(BindContext ctx, Object node) {
        return DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in transform expression")
                .withPosition(ctx.pos(node));
    }
}
