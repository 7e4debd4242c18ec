package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.parser.VacuumStatement;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.VacuumResult;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.WaitPolicy;

/**
 * VACUUM: removes dead row versions through {@link org.rustydb.spi.storage.StorageEngine#vacuum},
 * one table at a time and outside any transaction (so it cannot run in a transaction block, 25001).
 * The checks come in PostgreSQL's order: options, the column list, the transaction block, then
 * the tables. ANALYZE then analyzes each table in a transaction of its own; VERBOSE
 * reports each table with INFO messages; FULL and INDEX_CLEANUP OFF are refused (0A000).
 */
public final class VacuumCommand {
    private static final Set<String> BOOLEAN_OPTIONS = Set.of("verbose", "analyze", "full", "freeze", "skip_locked",
            "disable_page_skipping", "process_toast", "truncate");

    /** The options after checking them; what this engine need not act on is accepted and ignored. */
    private record Settings(boolean verbose, boolean analyze, boolean full, boolean skipLocked,
                            boolean indexCleanupOff, boolean processToast) {
    }

    private VacuumCommand() {
    }

    public static Result run(SessionContext session, ParsedStatement.Vacuum vacuum, boolean inTransactionBlock,
                             ResultSink sink) {
        VacuumStatement statement = vacuum.statement();
        Settings settings = settings(statement.options());
        if (!settings.analyze() && statement.targets().stream().anyMatch(t -> !t.columns().isEmpty())) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "ANALYZE option must be specified when a column list is provided");
        }
        if (inTransactionBlock) {
            throw DbException.of(SqlState.ACTIVE_SQL_TRANSACTION, "VACUUM cannot run inside a transaction block");
        }
        List<TableHandle> tables = tables(session, vacuum, sink);
        if (settings.full()) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "VACUUM FULL is not supported yet");
        }
        if (settings.indexCleanupOff()) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "VACUUM with INDEX_CLEANUP off is not supported yet");
        }
        if (!settings.processToast()) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "VACUUM with PROCESS_TOAST off is not supported yet");
        }
        boolean all = statement.targets().isEmpty();
        org.rustydb.spi.security.Privileges privileges = null;
        org.rustydb.spi.txn.Transaction reader = session.transactions().begin(
                org.rustydb.api.IsolationLevel.READ_COMMITTED, true);
        try {
            privileges = org.rustydb.execution.internal.privilege.AccessControl.view(session, reader);
        } finally {
            reader.rollback();
        }
        for (TableHandle table : tables) {
            session.checkCancelled();
            var d = table.definition();
            if (privileges != null && !privileges.isOwner(session.user(),
                    org.rustydb.spi.security.ObjectRef.relation(d.schema(), d.name()))
                    && !privileges.isOwner(session.user(),
                    org.rustydb.spi.security.ObjectRef.database(session.database()))) {
                if (!all) {
                    sink.notice(Notice.warning(SqlState.WARNING, String.format(
                            "skipping \"%s\" --- only table or database owner can vacuum it", d.name())));
                }
                continue;
            }
            vacuum(session, table, settings, all, sink);
        }
        return Results.command("VACUUM");
    }

    private static void vacuum(SessionContext session, TableHandle table, Settings settings, boolean all,
                               ResultSink sink) {
        String name = session.database() + "." + table.definition().schema() + "." + table.definition().name();
        if (settings.verbose()) {
            sink.notice(Notice.info("vacuuming \"" + name + "\""));
        }
        VacuumResult r;
        try {
            r = session.storage().vacuum(table);
        } catch (DbException e) {
            if (all && SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
                return; // dropped since the list was made, as PostgreSQL skips it
            }
            if ((all || settings.skipLocked()) && SqlState.LOCK_NOT_AVAILABLE.equals(e.sqlState())) {
                sink.notice(new Notice(Notice.Severity.WARNING, SqlState.LOCK_NOT_AVAILABLE,
                        "skipping vacuum of \"" + table.definition().name() + "\" --- lock not available", null, null));
                return;
            }
            throw e;
        }
        if (settings.verbose()) {
            sink.notice(Notice.info(String.format(Locale.ROOT, "finished vacuuming \"%s\"%n"
                            + "pages: %d freed, %d remain%n"
                            + "tuples: %d removed, %d remain, %d are dead but not yet removable%n"
                            + "index entries: %d removed", name, r.freedPages(), r.pages(), r.removedVersions(),
                    r.remainingVersions(), r.unremovableVersions(), r.removedIndexEntries())));
        }
        if (settings.analyze()) {
            if (settings.verbose()) {
                sink.notice(Notice.info("analyzing \"" + table.definition().schema() + "." + table.definition().name()
                        + "\""));
            }
            AnalyzeCommand.analyzeAlone(session.storage(), session.transactions(), table,
                    settings.skipLocked() ? WaitPolicy.SKIP_LOCKED : WaitPolicy.WAIT, session::checkCancelled);
        }
    }

    /** Checks the options in order, with PostgreSQL's messages. */
    private static Settings settings(List<VacuumStatement.Option> options) {
        boolean verbose = false;
        boolean analyze = false;
        boolean full = false;
        boolean skipLocked = false;
        boolean disablePageSkipping = false;
        boolean processToast = true;
        boolean indexCleanupOff = false;
        boolean parallel = false;
        for (VacuumStatement.Option o : options) {
            if (BOOLEAN_OPTIONS.contains(o.name())) {
                boolean value = bool(o);
                switch (o.name()) {
                    case "verbose" -> verbose = value;
                    case "analyze" -> analyze = value;
                    case "full" -> full = value;
                    case "skip_locked" -> skipLocked = value;
                    case "disable_page_skipping" -> disablePageSkipping = value;
                    case "process_toast" -> processToast = value;
                    default -> {
                        // freeze: ids are 64-bit, nothing ever needs freezing; truncate: the file is never cut
                    }
                }
            } else if (o.name().equals("index_cleanup")) {
                indexCleanupOff = !"auto".equalsIgnoreCase(o.value()) && !bool(o);
            } else if (o.name().equals("parallel")) {
                parallelWorkers(o);
                parallel = true;
            } else {
                throw DbException.of(SqlState.SYNTAX_ERROR, "unrecognized VACUUM option \"%s\"", o.name())
                        .withPosition(o.position());
            }
        }
        if (full && parallel) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "VACUUM FULL cannot be performed in parallel");
        }
        if (full && disablePageSkipping) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "VACUUM option DISABLE_PAGE_SKIPPING cannot be used with FULL");
        }
        if (full && !processToast) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "PROCESS_TOAST required with VACUUM FULL");
        }
        return new Settings(verbose, analyze, full, skipLocked, indexCleanupOff, processToast);
    }

    /** PostgreSQL's defGetBoolean: no value, 0 or 1, or true, false, on, off in any case. */
    private static boolean bool(VacuumStatement.Option o) {
        if (o.kind() == VacuumStatement.ValueKind.NONE) {
            return true;
        }
        String v = o.value();
        if (o.kind() == VacuumStatement.ValueKind.NUMBER ? v.equals("1") : v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on")) {
            return true;
        }
        if (o.kind() == VacuumStatement.ValueKind.NUMBER ? v.equals("0") : v.equalsIgnoreCase("false") || v.equalsIgnoreCase("off")) {
            return false;
        }
        throw DbException.of(SqlState.SYNTAX_ERROR, "%s requires a Boolean value", o.name());
    }

    private static void parallelWorkers(VacuumStatement.Option o) {
        if (o.kind() == VacuumStatement.ValueKind.NONE) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "parallel option requires a value between 0 and 1024")
                    .withPosition(o.position());
        }
        int workers;
        try {
            if (o.kind() != VacuumStatement.ValueKind.NUMBER) {
                throw new NumberFormatException(o.value());
            }
            workers = Integer.parseInt(o.value());
        } catch (NumberFormatException e) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "%s requires an integer value", o.name());
        }
        if (workers < 0 || workers > 1024) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "parallel workers for vacuum must be between 0 and 1024")
                    .withPosition(o.position());
        }
    }

    /** The tables to vacuum, looked up in a short read-only transaction that ends before any vacuum starts. */
    private static List<TableHandle> tables(SessionContext session, ParsedStatement.Vacuum vacuum, ResultSink sink) {
        Transaction lookup = session.transactions().begin(IsolationLevel.READ_COMMITTED, true);
        try {
            BindContext ctx = new BindContext(session, lookup, vacuum.source(), sink);
            List<TableHandle> tables = new ArrayList<>();
            if (vacuum.statement().targets().isEmpty()) {
                tables.addAll(session.storage().listTables(lookup));
            }
            for (VacuumStatement.Target target : vacuum.statement().targets()) {
                List<String> schemas = Relations.lookupSchemas(ctx, target.table());
                if (target.table().schema() != null && schemas.isEmpty()) {
                    throw Relations.noSchema(target.table().schema());
                }
                if (isIndexFirst(ctx, schemas, target.table().name())) {
                    sink.notice(Notice.warning(SqlState.WARNING, "skipping \"" + target.table().name()
                            + "\" --- cannot vacuum non-tables or special system tables"));
                    continue;
                }
                TableHandle found = Relations.requireTable(ctx, target.table());
                checkColumns(found, target.columns());
                tables.add(found);
            }
            return tables;
        } finally {
            lookup.commit();
        }
    }

    /** True when the name, looked up along the schemas, first finds an index rather than a table. */
    private static boolean isIndexFirst(BindContext ctx, List<String> schemas, String name) {
        for (String schema : schemas) {
            if (Relations.findTable(ctx, schema, name).isPresent()) {
                return false;
            }
            if (Relations.findIndex(ctx, schema, name).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static void checkColumns(TableHandle table, List<String> columns) {
        Set<String> seen = new HashSet<>();
        String name = table.definition().name();
        for (String column : columns) {
            if (table.definition().columns().stream().map(ColumnDefinition::name).noneMatch(column::equals)) {
                throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist",
                        column, name);
            }
            if (!seen.add(column)) {
                throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" of relation \"%s\" appears more than once",
                        column, name);
            }
        }
    }
}
