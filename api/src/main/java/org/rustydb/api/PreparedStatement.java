package org.rustydb.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A statement prepared by {@link Session#prepare} for repeated execution with parameters ($1, $2,
 * ...): what a front end describes to its client before running it. Belongs to the session that
 * prepared it and stays valid until that session closes.
 */
@ProviderType
public interface PreparedStatement {

    /** The SQL text as prepared. */
    String sql();

    /** The type of each parameter $1..$n: as declared, else as the statement's context made it. */
    List<SqlType> parameterTypes();

    /**
     * The columns of the rows each execution returns, or null when it returns none or they are only
     * known when it runs (statements other than queries and DML with RETURNING).
     */
    List<Column> columns();
}
