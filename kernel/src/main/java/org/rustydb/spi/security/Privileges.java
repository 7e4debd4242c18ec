package org.rustydb.spi.security;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Owners and access control lists as one transaction sees them, with PostgreSQL's rules for who
 * holds what: superusers hold everything, a role holds what was granted to it, to PUBLIC or to a
 * role it inherits, and an object without a recorded owner belongs to the bootstrap superuser with
 * PostgreSQL's default privileges. Immutable and thread-safe; answers are cheap (hash lookups), so
 * statements may ask for every object they touch.
 */
@ProviderType
public interface Privileges {

    /** Whether the role exists and is a superuser. */
    boolean isSuperuser(String role);

    /** Whether the role exists. */
    boolean roleExists(String role);

    /** Whether {@code role} holds every privilege of {@code privileges} (bits) on the object. */
    boolean has(String role, ObjectRef object, int privileges);

    /** Whether {@code role} holds the privileges on the column, through the column's or the table's list. */
    boolean hasColumn(String role, ObjectRef table, String column, int privileges);

    /** Whether {@code role} holds the privileges on some column of the table (or on the table). */
    boolean hasAnyColumn(String role, ObjectRef table, int privileges);

    /** Whether {@code role} may act as the owner: it is the owner, inherits it, or is a superuser. */
    boolean isOwner(String role, ObjectRef object);

    /** Whether {@code member} is {@code role} or inherits its privileges (a superuser inherits every role). */
    boolean hasPrivilegesOf(String member, String role);

    /** The owner's role name (the bootstrap superuser for an object never recorded). */
    String owner(ObjectRef object);

    /** The owner's role oid. */
    long ownerOid(ObjectRef object);

    /**
     * The object's access control list, or null while it has the default one (relacl NULL); the
     * default is then {@link #effectiveAcl}.
     */
    List<AclItem> acl(ObjectRef object);

    /** The list in force: the recorded one or the default for the kind and owner. */
    List<AclItem> effectiveAcl(ObjectRef object);

    /** A column's own list (attacl), or null when it has none. */
    List<AclItem> columnAcl(ObjectRef table, String column);

    /** The default privileges ALTER DEFAULT PRIVILEGES set (pg_default_acl), by role, schema and kind. */
    List<DefaultAcl> defaultAcls();
}
