package org.rustydb.storage.paged.internal.shell;

import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.storage.paged.internal.engine.ConsistencyCheck;
import org.rustydb.storage.paged.internal.engine.PagedStorageEngine;

/**
 * {@code rustydb_check()}: the consistency check of {@code rustydb:check} from SQL, in the spirit
 * of PostgreSQL's amcheck functions: returns a summary, or fails with XX001 listing the problems.
 */
public final class CheckFunction implements SqlFunction {
    private final PagedStorageEngine engine;

    public CheckFunction(PagedStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "rustydb_check";
    }

    @Override
    public List<SqlType> parameterTypes() {
        return List.of();
    }

    @Override
    public SqlType returnType() {
        return SqlType.TEXT;
    }

    @Override
    public Object invoke(Object[] arguments) {
        List<ConsistencyCheck.TableReport> reports = new ConsistencyCheck(engine).run(Set.of());
        StringBuilder problems = new StringBuilder();
        long rows = 0;
        for (ConsistencyCheck.TableReport report : reports) {
            rows += report.liveRows();
            for (String problem : report.problems()) {
                problems.append(problems.length() == 0 ? "" : "\n").append(report.table()).append(": ").append(problem);
            }
        }
        if (problems.length() > 0) {
            throw DbException.of(SqlState.DATA_CORRUPTED, "consistency check failed").withDetail(problems.toString());
        }
        return "ok: " + reports.size() + " tables, " + rows + " live rows";
    }
}
