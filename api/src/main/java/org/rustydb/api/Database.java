package org.rustydb.api;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A running RustyDB database, the entry point for embedded use and for protocol front ends. In
 * OSGi it is a service registered by the kernel for as long as the kernel bundle is active; it
 * stays registered while required services are missing and then fails statements with 57P03.
 *
 * <p>Threading: all methods are safe to call from any thread.
 */
@ProviderType
public interface Database {

    /** The database name clients connect to, {@code rustydb} by default. */
    String name();

    /**
     * Opens a session for a user. Authentication is the front end's job; the database trusts the
     * name it is given.
     *
     * @param user       the role to run as
     * @param parameters startup parameters such as {@code application_name}; may be empty
     * @throws DbException 3D000 if {@code database} in the parameters names another database
     */
    Session openSession(String user, Map<String, String> parameters);

    /** Health and usage, cheap enough to call often. */
    DatabaseStatus status();
}
