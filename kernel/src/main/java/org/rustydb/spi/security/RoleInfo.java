package org.rustydb.spi.security;

import java.time.Instant;
import java.util.List;

/**
 * One role as pg_roles shows it. The password is never exposed.
 *
 * @param oid             a number identifying the role, stable for its life
 * @param name            the role name
 * @param superuser       rolsuper
 * @param inherit         rolinherit
 * @param createRole      rolcreaterole
 * @param createDb        rolcreatedb
 * @param canLogin        rolcanlogin
 * @param connectionLimit rolconnlimit, -1 for no limit
 * @param validUntil      rolvaliduntil, null for no limit (VALID UNTIL 'infinity' included)
 * @param hasPassword     whether a password is set (pg_roles shows '********' then)
 * @param memberOf        the roles this role was granted, by name
 */
public record RoleInfo(long oid, String name, boolean superuser, boolean inherit, boolean createRole,
                       boolean createDb, boolean canLogin, int connectionLimit, Instant validUntil,
                       boolean hasPassword, List<String> memberOf) {
    public RoleInfo {
        memberOf = List.copyOf(memberOf);
    }
}
