package org.rustydb.spi.storage;

/** The row locks of SELECT ... FOR KEY SHARE / FOR SHARE / FOR NO KEY UPDATE / FOR UPDATE. */
public enum RowLockStrength {
    KEY_SHARE("FOR KEY SHARE"),
    SHARE("FOR SHARE"),
    NO_KEY_UPDATE("FOR NO KEY UPDATE"),
    UPDATE("FOR UPDATE");

    private final String sql;

    RowLockStrength(String sql) {
        this.sql = sql;
    }

    /** As the locking clause spells it. */
    public String sql() {
        return sql;
    }

    /** True for the strengths that exclude other lockers of the row. */
    public boolean exclusive() {
        return this == NO_KEY_UPDATE || this == UPDATE;
    }
}
