package org.rustydb.spi.security;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.rustydb.spi.txn.Transaction;

/**
 * The roles, for catalog views (pg_roles, pg_user, pg_auth_members) and for statements that need
 * to know who is a superuser. Reads through the caller's transaction, so a statement sees the
 * roles its own transaction created. Thread-safe.
 */
@ProviderType
public interface RoleCatalog {

    /** Every role visible to the transaction, ordered by name. */
    List<RoleInfo> roles(Transaction txn);

    /** The owners and privileges of objects, kept with the roles they name. */
    PrivilegeCatalog privileges();
}
