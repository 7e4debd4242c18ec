package org.rustydb.spi.exec;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.rustydb.api.Column;
import org.rustydb.api.SqlType;

/**
 * A statement prepared by {@link QueryEngine#prepare}: what a front end describes to its client
 * (the extended query protocol's ParameterDescription and RowDescription) and hands back to
 * {@link QueryEngine#execute(SessionContext, PreparedQuery, List, ResultSink)}. Opaque otherwise:
 * the engine keeps its plan inside. Belongs to the session that prepared it; naming it (the
 * protocol's named and unnamed statements) is the front end's business.
 */
@ProviderType
public interface PreparedQuery {

    /** The type of each parameter $1..$n: as declared, else as the statement's context made it. */
    List<SqlType> parameterTypes();

    /**
     * The columns of the rows each execution returns, or null when it returns none or they are only
     * known when it runs (statements other than queries and DML with RETURNING).
     */
    List<Column> columns();
}
