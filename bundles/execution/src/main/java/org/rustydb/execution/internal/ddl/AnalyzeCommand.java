package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.parser.VacuumStatement;
import org.rustydb.execution.internal.plan.Statistics;
import org.rustydb.execution.internal.plan.TableStats;
import org.rustydb.execution.internal.types.Comparisons;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.spi.txn.WaitPolicy;
import org.rustydb.api.IsolationLevel;
import org.rustydb.execution.internal.binder.TableLocking;
import java.util.Optional;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.LockMode;

/**
 * ANALYZE: reads each table once, counting its rows and keeping a random sample of up to
 * {@value #SAMPLE} of them (reservoir sampling), and derives each column's statistics from the
 * sample as PostgreSQL does: NULL fraction, distinct values (the Haas-Stokes estimator when some
 * values repeat), up to {@value #MOST_COMMON} most common values and a histogram of the rest.
 */
public final class AnalyzeCommand {
    static final int SAMPLE = 30_000;
    static final int MOST_COMMON = 10;
    static final int BUCKETS = 100;

    private AnalyzeCommand() {
    }

    public static Result run(BindContext ctx, ParsedStatement.Analyze analyze) {
        if (ctx.transaction().isReadOnly()) {
            throw DbException.of(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute ANALYZE in a read-only transaction");
        }
        List<TableHandle> tables = new ArrayList<>();
        if (analyze.targets().isEmpty()) {
            tables.addAll(ctx.session().storage().listTables(ctx.transaction()));
        } else {
            for (VacuumStatement.Target target : analyze.targets()) {
                tables.add(Relations.requireTable(ctx, target.table()));
            }
        }
        var privileges = org.rustydb.execution.internal.privilege.AccessControl.view(ctx.session(), ctx.transaction());
        for (TableHandle table : tables) {
            var d = table.definition();
            if (privileges != null && !privileges.isOwner(ctx.session().user(),
                    org.rustydb.spi.security.ObjectRef.relation(d.schema(), d.name()))
                    && !privileges.isOwner(ctx.session().user(),
                    org.rustydb.spi.security.ObjectRef.database(ctx.session().database()))) {
                // as PostgreSQL: a table named is reported, the others of a database-wide run skipped quietly
                if (!analyze.targets().isEmpty()) {
                    ctx.notice(Notice.warning(SqlState.WARNING, String.format(
                            "skipping \"%s\" --- only table or database owner can analyze it", d.name())));
                }
                continue;
            }
            TableHandle locked = org.rustydb.execution.internal.binder.TableLocking.lock(ctx, table,
                    LockMode.SHARE_UPDATE_EXCLUSIVE);
            StorageEngine storage = ctx.session().storage();
            TableStats stats = collect(storage, ctx.transaction(), locked, ctx.session()::checkCancelled);
            Statistics.save(ctx.transaction(), storage, locked, stats);
            AutoAnalyze.analyzed(locked);
            if (analyze.verbose()) {
                ctx.notice(Notice.info(String.format("analyzing \"%s.%s\": %d rows, %d in sample",
                        locked.definition().schema(), locked.definition().name(), stats.rows(),
                        Math.min(stats.rows(), SAMPLE))));
            }
        }
        return Results.command("ANALYZE");
    }

    /**
     * Analyzes a table in a transaction of its own (VACUUM ANALYZE, the background analyze): false
     * when the lock is not free under {@code policy} (SKIP_LOCKED) or the table is gone or replaced.
     */
    static boolean analyzeAlone(StorageEngine storage, TransactionManager transactions, TableHandle table,
                                WaitPolicy policy, Runnable cancelCheck) {
        Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, false);
        try {
            txn.setWaitLimits(0, cancelCheck);
            if (!txn.lockTable(TableLocking.relation(table), LockMode.SHARE_UPDATE_EXCLUSIVE, policy)) {
                return false;
            }
            Optional<TableHandle> now = storage.findTable(txn, table.definition().schema(), table.definition().name());
            if (now.isEmpty() || now.get() != table) {
                return false; // dropped or altered meanwhile
            }
            Statistics.save(txn, storage, table, collect(storage, txn, table, cancelCheck));
            AutoAnalyze.analyzed(table);
            txn.commit();
            return true;
        } finally {
            if (txn.state() == Transaction.State.ACTIVE) {
                txn.rollback();
            }
        }
    }

    /** Reads the table in the transaction and computes its statistics; {@code cancelCheck} throws to stop. */
    public static TableStats collect(StorageEngine storage, Transaction txn, TableHandle table, Runnable cancelCheck) {
        Random random = new Random(table.definition().name().hashCode());
        List<Object[]> sample = new ArrayList<>();
        long rows = 0;
        try (RowCursor cursor = storage.scan(txn, table)) {
            while (cursor.next()) {
                rows++;
                if (sample.size() < SAMPLE) {
                    sample.add(cursor.row().clone());
                } else {
                    long slot = (long) (random.nextDouble() * rows);
                    if (slot < SAMPLE) {
                        sample.set((int) slot, cursor.row().clone());
                    }
                }
                if (rows % 4096 == 0) {
                    cancelCheck.run();
                }
            }
        }
        List<TableStats.ColumnStats> columns = new ArrayList<>();
        int width = table.definition().columns().size();
        for (int c = 0; c < width; c++) {
            columns.add(column(sample, c, rows));
        }
        return new TableStats(rows, columns);
    }

    private static TableStats.ColumnStats column(List<Object[]> sample, int c, long totalRows) {
        int n = sample.size();
        Map<Object, Integer> counts = new HashMap<>();
        int nulls = 0;
        for (Object[] row : sample) {
            Object v = c < row.length ? row[c] : null;
            if (v == null) {
                nulls++;
            } else {
                counts.merge(key(v), 1, Integer::sum);
            }
        }
        double nullFraction = n == 0 ? 0 : (double) nulls / n;
        int nonNull = n - nulls;
        int d = counts.size();
        long once = counts.values().stream().filter(k -> k == 1).count();
        double distinct;
        if (nonNull == 0) {
            distinct = 0;
        } else if (once == d) {
            distinct = totalRows * (1 - nullFraction); // every value seen once: assume unique
        } else {
            double haasStokes = (double) nonNull * d / (nonNull - once + (double) once * nonNull / Math.max(totalRows, 1));
            distinct = Math.max(d, Math.min(haasStokes, totalRows));
        }
        List<Map.Entry<Object, Integer>> byCount = new ArrayList<>(counts.entrySet());
        byCount.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
        List<Object> common = new ArrayList<>();
        List<Double> freq = new ArrayList<>();
        for (Map.Entry<Object, Integer> e : byCount) {
            if (common.size() >= MOST_COMMON || e.getValue() < 2 || once == d) {
                break;
            }
            // stored with the column's values: bytea as byte[] again
            common.add(e.getKey() instanceof java.nio.ByteBuffer b ? b.array() : e.getKey());
            freq.add((double) e.getValue() / n);
        }
        java.util.Set<Object> commonKeys = new java.util.HashSet<>();
        common.forEach(v -> commonKeys.add(key(v)));
        List<Object> rest = new ArrayList<>();
        for (Object[] row : sample) {
            Object v = c < row.length ? row[c] : null;
            if (v != null && !commonKeys.contains(key(v))) {
                rest.add(v);
            }
        }
        List<Object> histogram = new ArrayList<>();
        try {
            rest.sort(Comparisons::compare);
            if (rest.size() >= 2) {
                int buckets = Math.min(BUCKETS, rest.size() - 1);
                for (int i = 0; i <= buckets; i++) {
                    histogram.add(rest.get((int) ((long) i * (rest.size() - 1) / buckets)));
                }
            }
        } catch (RuntimeException incomparable) {
            histogram.clear(); // a type without an order (json, arrays): no histogram
        }
        return new TableStats.ColumnStats(nullFraction, distinct, common,
                freq.stream().mapToDouble(Double::doubleValue).toArray(), histogram);
    }

    /** Values as map keys: byte arrays by content. */
    private static Object key(Object v) {
        return v instanceof byte[] b ? java.nio.ByteBuffer.wrap(b) : v;
    }
}
