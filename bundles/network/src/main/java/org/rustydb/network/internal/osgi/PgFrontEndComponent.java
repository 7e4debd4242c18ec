package org.rustydb.network.internal.osgi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.rustydb.api.Database;
import org.rustydb.network.internal.PgServer;
import org.rustydb.network.internal.ServerSettings;
import org.rustydb.network.internal.TlsSupport;
import org.rustydb.spi.frontend.ProtocolFrontEnd;
import org.rustydb.spi.security.Authenticator;
import org.rustydb.spi.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the PostgreSQL front end for the {@link Database} service. The {@link ProtocolFrontEnd} is
 * registered by hand rather than by DS so that it exists exactly while the socket listens. A new
 * configuration restarts the component, which rebinds the port at once. The configuration is
 * required, so the server never listens on a default port before etc/ has been read, and an
 * embedded database without one opens no port at all.
 *
 * <p>Configuration (PID {@code org.rustydb.network}): {@code host}, {@code port},
 * {@code maxConnections}, {@code maxMessageSize}, {@code ssl}, {@code ssl_cert_file}, {@code ssl_key_file},
 * {@code requireAuthentication}.
 */
@Component(immediate = true, configurationPid = "org.rustydb.network",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PgFrontEndComponent.Config.class)
public final class PgFrontEndComponent {
    private static final Logger LOG = LoggerFactory.getLogger(PgFrontEndComponent.class);

    @ObjectClassDefinition(name = "RustyDB PostgreSQL front end",
            description = "PostgreSQL wire protocol v3 server for the RustyDB database")
    public @interface Config {
        @AttributeDefinition(description = "Address to listen on: a host name or IP literal, * for all interfaces")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "TCP port; 0 picks a free port", min = "0", max = "65535")
        int port() default 5432;

        @AttributeDefinition(description = "Client sessions served at once; more are refused with 53300", min = "1")
        int maxConnections() default 100;

        @AttributeDefinition(description = "Largest message a client may send, in bytes", min = "1024")
        int maxMessageSize() default 64 * 1024 * 1024;

        @AttributeDefinition(name = "ssl", description = "Accept TLS-encrypted connections (SSLRequest);"
                + " false answers 'N' and clients continue unencrypted or give up")
        boolean ssl() default true;

        // DS maps a double underscore to one underscore: the properties are ssl_cert_file and
        // ssl_key_file, as in postgresql.conf
        @AttributeDefinition(name = "ssl_cert_file", description = "PEM server certificate (chain), relative"
                + " to the data folder; empty with ssl_key_file empty: a generated self-signed server.crt")
        String ssl__cert__file() default "";

        @AttributeDefinition(name = "ssl_key_file", description = "PEM private key of the certificate,"
                + " relative to the data folder")
        String ssl__key__file() default "";

        @AttributeDefinition(description = "Refuse clients (57P03) while no authenticator is registered, "
                + "instead of trusting them")
        boolean requireAuthentication() default false;
    }

    /** Framework property naming the data folder (bin/rustydb --data). */
    static final String DATA_DIR_PROPERTY = "rustydb.data.dir";

    private final PgServer server;
    private final BundleContext context;
    private ServiceRegistration<ProtocolFrontEnd> registration;

    @Activate
    public PgFrontEndComponent(@Reference(name = "database") Database database,
                               @Reference(name = "sessions") SessionRegistry sessions, Config config,
                               BundleContext context) throws IOException {
        TlsSupport tls;
        try {
            tls = TlsSupport.configure(config.ssl(), config.ssl__cert__file(), config.ssl__key__file(),
                    dataDirectory(context));
        } catch (IOException e) {
            // as PostgreSQL, which does not start with ssl=on and unusable certificate files
            LOG.error("PostgreSQL front end not started: {}", e.getMessage());
            throw e;
        }
        ServerSettings settings = new ServerSettings(config.host(), config.port(), config.maxConnections(),
                config.maxMessageSize()).withTls(tls);
        server = new PgServer(database, sessions, settings);
        server.setAuthenticationRequired(config.requireAuthentication());
        this.context = context;
    }

    /**
     * The authenticator, when one is registered, is bound before {@link #start} opens the port, so
     * no client slips in untested while the service exists.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAuthenticator(Authenticator authenticator) {
        server.setAuthenticator(authenticator);
    }

    void unbindAuthenticator(Authenticator authenticator) {
        server.setAuthenticator(null);
    }

    @Activate
    void start() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            LOG.error("PostgreSQL front end not started: {}", e.getMessage());
            throw e;
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("protocol", server.protocol());
        properties.put("endpoint", server.endpoint());
        try {
            registration = context.registerService(ProtocolFrontEnd.class, server, properties);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        try {
            if (registration != null) {
                registration.unregister();
            }
        } catch (IllegalStateException e) {
            LOG.debug("front end service already unregistered", e);
        }
        server.stop();
    }

    /** The data folder, where relative certificate paths point and a generated certificate is kept. */
    static Path dataDirectory(BundleContext context) {
        String dir = context == null ? null : context.getProperty(DATA_DIR_PROPERTY);
        return Path.of(dir == null || dir.isBlank() ? "." : dir).toAbsolutePath().normalize();
    }

    /** The running server, for tests. */
    PgServer server() {
        return server;
    }
}
