package org.rustydb.security.internal.osgi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.rustydb.security.internal.Bootstrap;
import org.rustydb.security.internal.HbaFile;
import org.rustydb.security.internal.Lockout;
import org.rustydb.security.internal.PrivilegeDirectory;
import org.rustydb.security.internal.PrivilegeVersions;
import org.rustydb.security.internal.RoleAuthenticator;
import org.rustydb.security.internal.RoleDirectory;
import org.rustydb.security.internal.RoleStatementHandler;
import org.rustydb.security.internal.RoleStore;
import org.rustydb.spi.exec.StatementHandler;
import org.rustydb.spi.security.Authenticator;
import org.rustydb.spi.security.RoleCatalog;
import org.rustydb.spi.session.SessionRegistry;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Roles and authentication for the database: prepares the role tables (and the first superuser)
 * in the storage engine, then registers the {@link Authenticator} front ends use, the
 * {@link RoleCatalog} and the role statements. The services are registered by hand, after the
 * bootstrap, so that no client is authenticated against tables that do not exist yet.
 *
 * <p>Configuration (PID {@code org.rustydb.security}): {@code hbaFile}, {@code lockoutAttempts},
 * {@code lockoutWindowSeconds}, {@code lockoutSeconds}. The superuser's first password comes from
 * the environment variable RUSTYDB_PASSWORD, else the framework property rustydb.password (for
 * embedding), else it is generated and printed.
 */
@Component(immediate = true, configurationPid = "org.rustydb.security")
@Designate(ocd = SecurityComponent.Config.class)
public final class SecurityComponent {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityComponent.class);

    @ObjectClassDefinition(name = "RustyDB security")
    public @interface Config {
        @AttributeDefinition(description = "The host rules file (pg_hba.conf format); missing: password logins "
                + "from this machine only")
        String hbaFile() default "etc/rustydb_hba.conf";

        @AttributeDefinition(description = "Failed logins within the window that lock a role out; 0: never", min = "0")
        int lockoutAttempts() default 5;

        @AttributeDefinition(description = "The window failed logins are counted in, in seconds", min = "1")
        int lockoutWindowSeconds() default 300;

        @AttributeDefinition(description = "How long a role stays locked out, in seconds", min = "1")
        int lockoutSeconds() default 300;
    }

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    /**
     * The storage engine and the transaction manager are optional references only because their
     * bundles register them by hand, which the resolver cannot see; static and greedy, so that this
     * component starts again once both are there.
     */
    @Activate
    public SecurityComponent(
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            StorageEngine storage,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            TransactionManager transactions,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            SessionRegistry sessions,
            Config config, BundleContext context) {
        if (storage == null || transactions == null) {
            LOG.info("roles and authentication wait for the {}", storage == null ? "storage engine"
                    : "transaction manager");
            return;
        }
        PrivilegeVersions versions = new PrivilegeVersions();
        RoleStore store = new RoleStore(storage, versions);
        String password = System.getenv("RUSTYDB_PASSWORD");
        if (password == null || password.isEmpty()) {
            password = context.getProperty("rustydb.password");
        }
        Bootstrap.run(transactions, store, password);
        HbaFile hba = new HbaFile(Path.of(config.hbaFile()));
        hba.rules(); // reads it now, so that a broken file shows in the log at start
        Lockout lockout = new Lockout(config.lockoutAttempts(), config.lockoutWindowSeconds() * 1000L,
                config.lockoutSeconds() * 1000L, System::currentTimeMillis);
        PrivilegeDirectory privileges = new PrivilegeDirectory(store, transactions, versions);
        try {
            for (String keyword : RoleStatementHandler.KEYWORDS) {
                registrations.add(context.registerService(StatementHandler.class,
                        new RoleStatementHandler(keyword, privileges), new Hashtable<>()));
            }
            registrations.add(context.registerService(RoleCatalog.class, new RoleDirectory(store, privileges),
                    new Hashtable<>()));
            registrations.add(context.registerService(Authenticator.class,
                    new RoleAuthenticator(transactions, store, hba::rules, lockout, user -> sessions == null ? 0
                            : (int) sessions.sessions().stream().filter(s -> s.user().equals(user)).count(),
                            privileges),
                    new Hashtable<>()));
        } catch (RuntimeException e) {
            deactivate();
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        registrations.clear();
    }
}
