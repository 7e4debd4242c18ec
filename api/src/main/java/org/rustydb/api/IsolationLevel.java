package org.rustydb.api;

/** The SQL standard isolation levels, in PostgreSQL's spelling. */
public enum IsolationLevel {
    READ_UNCOMMITTED("read uncommitted"),
    READ_COMMITTED("read committed"),
    REPEATABLE_READ("repeatable read"),
    SERIALIZABLE("serializable");

    private final String sqlName;

    IsolationLevel(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The name as SHOW transaction_isolation prints it. */
    public String sqlName() {
        return sqlName;
    }
}
