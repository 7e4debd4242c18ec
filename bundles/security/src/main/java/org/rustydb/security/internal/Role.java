package org.rustydb.security.internal;

import java.time.Instant;

/**
 * A role as stored in {@code pg_security.pg_authid}, with its password (a SCRAM verifier, an md5
 * hash, or null) and where its row is.
 */
public record Role(long oid, String name, boolean superuser, boolean inherit, boolean createRole, boolean createDb,
                   boolean canLogin, int connectionLimit, Instant validUntil, String password) {

    /** PostgreSQL's defaults for CREATE ROLE (NOLOGIN) and CREATE USER (LOGIN). */
    public static Role defaults(long oid, String name, boolean login) {
        return new Role(oid, name, false, true, false, false, login, -1, null, null);
    }

    Object[] toRow() {
        return new Object[] {oid, name, superuser, inherit, createRole, createDb, canLogin, connectionLimit,
                validUntil, password};
    }

    static Role fromRow(Object[] row) {
        return new Role((Long) row[0], (String) row[1], (Boolean) row[2], (Boolean) row[3], (Boolean) row[4],
                (Boolean) row[5], (Boolean) row[6], (Integer) row[7], (Instant) row[8], (String) row[9]);
    }

    public Role withName(String newName) {
        return new Role(oid, newName, superuser, inherit, createRole, createDb, canLogin, connectionLimit, validUntil,
                password);
    }

    public Role withPassword(String newPassword) {
        return new Role(oid, name, superuser, inherit, createRole, createDb, canLogin, connectionLimit, validUntil,
                newPassword);
    }
}
