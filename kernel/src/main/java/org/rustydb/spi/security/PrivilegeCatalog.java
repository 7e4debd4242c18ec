package org.rustydb.spi.security;

import org.osgi.annotation.versioning.ProviderType;
import org.rustydb.spi.txn.Transaction;

/**
 * Owners and privileges of the objects of the database, kept by the bundle that keeps the roles,
 * transactionally: the query engine reports each object it creates, drops or renames in the
 * statement's transaction, so a rollback undoes the record with the object, and asks for a
 * {@link Privileges} view to check statements. GRANT and REVOKE on objects are that bundle's
 * statements. Thread-safe.
 */
@ProviderType
public interface PrivilegeCatalog {

    /**
     * The owners and privileges the transaction sees. Cheap when nothing changed since the last
     * call (a cached view is returned), so statements ask for it each time they run.
     */
    Privileges privileges(Transaction txn);

    /**
     * Records a new object owned by {@code owner}, with the default privileges (those ALTER
     * DEFAULT PRIVILEGES set for the owner, the schema and the kind, else the built-in ones);
     * replaces whatever was recorded under the name, so a new object never inherits a dropped
     * one's grants.
     */
    void created(Transaction txn, ObjectRef object, String owner);

    /** Forgets an object (with its columns' privileges, for a relation). */
    void dropped(Transaction txn, ObjectRef object);

    /** Moves an object's owner and privileges to its new name (same kind, same schema). */
    void renamed(Transaction txn, ObjectRef object, String newName);

    /**
     * Moves a relation or a function, with its owner, privileges and columns' privileges, to
     * another schema under the same name (ALTER ... SET SCHEMA).
     */
    void moved(Transaction txn, ObjectRef object, String newSchema);

    /**
     * Takes every privilege granted to the role off every object and column, with the grants that
     * rested on its grant options, and forgets its default privileges and those granted to it
     * (DROP OWNED); what it owns is the caller's to drop.
     */
    void revokedAll(Transaction txn, String role);

    /** Moves a column's privileges to its new name. */
    void columnRenamed(Transaction txn, ObjectRef table, String column, String newName);

    /** Forgets a column's privileges. */
    void columnDropped(Transaction txn, ObjectRef table, String column);

    /**
     * Gives the object to another role, rewriting the list's entries of the old owner to the new
     * one as PostgreSQL does; the caller checked that this is allowed.
     */
    void ownerChanged(Transaction txn, ObjectRef object, String newOwner);
}
