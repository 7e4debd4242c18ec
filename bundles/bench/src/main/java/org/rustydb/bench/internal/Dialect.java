package org.rustydb.bench.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * What differs between the targets' SQL. The workloads' statements are written in the subset
 * that PostgreSQL (and so RustyDB) and H2 share; this covers the rest.
 */
public enum Dialect {
    /** PostgreSQL and RustyDB, over pgjdbc or embedded. */
    POSTGRESQL(Set.of("40001", "40P01")),
    /**
     * H2: a lock wait past its LOCK_TIMEOUT fails with HYT00 where PostgreSQL would keep waiting,
     * so it is retried like a serialization failure.
     */
    H2(Set.of("40001", "40P01", "HYT00"));

    private final Set<String> retryable;

    Dialect(Set<String> retryable) {
        this.retryable = retryable;
    }

    public static Dialect of(String url) {
        return url.regionMatches(true, 0, "jdbc:h2:", 0, 8) ? H2 : POSTGRESQL;
    }

    /** True when the transaction failed for concurrency alone and can simply run again. */
    public boolean retryable(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null && retryable.contains(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Statements after a bulk load, in autocommit mode, to give the planner statistics. */
    public List<String> afterLoad(List<String> tables) {
        if (this == H2) {
            return List.of("ANALYZE");
        }
        return tables.stream().map(t -> "VACUUM ANALYZE " + t).toList();
    }

    /**
     * Per-connection settings of the analytic workload: H2 caches a query's result and would
     * answer repeated runs without executing them.
     */
    public List<String> analyticSession() {
        return this == H2 ? List.of("SET OPTIMIZE_REUSE_RESULTS 0") : List.of();
    }
}
