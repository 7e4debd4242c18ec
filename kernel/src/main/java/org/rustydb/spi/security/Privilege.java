package org.rustydb.spi.security;

import java.util.Locale;

/**
 * PostgreSQL's privileges with their aclitem letters and bits ({@code ACL_INSERT} is bit 0 ...), so
 * a set of them is an int and prints in PostgreSQL's order.
 */
public enum Privilege {
    INSERT('a'), SELECT('r'), UPDATE('w'), DELETE('d'), TRUNCATE('D'), REFERENCES('x'), TRIGGER('t'),
    EXECUTE('X'), USAGE('U'), CREATE('C'), TEMPORARY('T'), CONNECT('c');

    private final char letter;

    Privilege(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    public int bit() {
        return 1 << ordinal();
    }

    /** The privileges of a table: arwdDxt. */
    public static final int ALL_TABLE = bits(INSERT, SELECT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER);
    /** The privileges of a column: arwx. */
    public static final int ALL_COLUMN = bits(INSERT, SELECT, UPDATE, REFERENCES);
    /** The privileges of a sequence: rwU. */
    public static final int ALL_SEQUENCE = bits(SELECT, UPDATE, USAGE);
    public static final int ALL_SCHEMA = bits(USAGE, CREATE);
    public static final int ALL_FUNCTION = bits(EXECUTE);
    public static final int ALL_DATABASE = bits(CREATE, TEMPORARY, CONNECT);

    public static int bits(Privilege... privileges) {
        int b = 0;
        for (Privilege p : privileges) {
            b |= p.bit();
        }
        return b;
    }

    /** The keyword as GRANT and the has_*_privilege functions spell it (TEMPORARY also as TEMP). */
    public String keyword() {
        return name();
    }

    /** The privilege a keyword names, or null. */
    public static Privilege of(String keyword) {
        String k = keyword.toUpperCase(Locale.ROOT);
        if (k.equals("TEMP")) {
            return TEMPORARY;
        }
        for (Privilege p : values()) {
            if (p.name().equals(k)) {
                return p;
            }
        }
        return null;
    }
}
