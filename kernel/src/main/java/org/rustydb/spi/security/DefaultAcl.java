package org.rustydb.spi.security;

import java.util.List;
import java.util.Objects;

/**
 * One entry of pg_default_acl (ALTER DEFAULT PRIVILEGES): the list objects of a kind get when
 * {@code role} creates them, everywhere ({@code schema} null: it replaces the built-in default) or
 * in one schema (added to the rest).
 *
 * @param roleOid the oid of the role whose new objects it applies to
 * @param role    that role's name
 * @param schema  the schema, or null for all of them
 * @param kind    RELATION (tables and views), SEQUENCE, FUNCTION or SCHEMA
 * @param acl     the list (possibly empty)
 */
public record DefaultAcl(long roleOid, String role, String schema, ObjectKind kind, List<AclItem> acl) {
    public DefaultAcl {
        Objects.requireNonNull(role);
        Objects.requireNonNull(kind);
        acl = List.copyOf(acl);
    }

    /** pg_default_acl.defaclobjtype: r, S, f or n. */
    public char objectType() {
        return switch (kind) {
            case RELATION -> 'r';
            case SEQUENCE -> 'S';
            case FUNCTION -> 'f';
            case SCHEMA -> 'n';
            case DATABASE -> throw new IllegalStateException("no default privileges for databases");
        };
    }
}
