package org.rustydb.spi.txn;

/**
 * Table lock modes, PostgreSQL's eight, from weakest to strongest. Statements take them
 * implicitly (a SELECT takes ACCESS SHARE, INSERT/UPDATE/DELETE ROW EXCLUSIVE, DROP TABLE ACCESS
 * EXCLUSIVE) and LOCK TABLE explicitly; each is held to the end of the transaction.
 */
public enum LockMode {
    ACCESS_SHARE("ACCESS SHARE"),
    ROW_SHARE("ROW SHARE"),
    ROW_EXCLUSIVE("ROW EXCLUSIVE"),
    SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE"),
    SHARE("SHARE"),
    SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE"),
    EXCLUSIVE("EXCLUSIVE"),
    ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE");

    /** For each mode (by ordinal), the bit set of the modes it conflicts with. */
    private static final int[] CONFLICTS = {
        bits(7),
        bits(6, 7),
        bits(4, 5, 6, 7),
        bits(3, 4, 5, 6, 7),
        bits(2, 3, 5, 6, 7),
        bits(2, 3, 4, 5, 6, 7),
        bits(1, 2, 3, 4, 5, 6, 7),
        bits(0, 1, 2, 3, 4, 5, 6, 7),
    };

    private final String sqlName;

    LockMode(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The name as LOCK TABLE ... IN <name> MODE spells it. */
    public String sqlName() {
        return sqlName;
    }

    /** True if a transaction holding this mode blocks another that wants {@code other}. */
    public boolean conflictsWith(LockMode other) {
        return (CONFLICTS[ordinal()] & (1 << other.ordinal())) != 0;
    }

    private static int bits(int... ordinals) {
        int set = 0;
        for (int o : ordinals) {
            set |= 1 << o;
        }
        return set;
    }
}
