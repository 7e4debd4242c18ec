package org.rustydb.network.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Dictionary;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.rustydb.network.internal.FakeDatabase;
import org.rustydb.spi.frontend.ProtocolFrontEnd;

/** The DS component driven by hand: it listens, registers the front end, and cleans up. */
class PgFrontEndComponentTest {

    /** Records the one service registration the component makes. */
    private static final class RecordingContext {
        final AtomicReference<Object> service = new AtomicReference<>();
        final AtomicReference<Dictionary<?, ?>> properties = new AtomicReference<>();
        final AtomicBoolean unregistered = new AtomicBoolean();
        final String dataDir;

        RecordingContext() {
            this(null);
        }

        RecordingContext(String dataDir) {
            this.dataDir = dataDir;
        }

        BundleContext proxy() {
            ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (p, m, args) -> {
                        if (m.getName().equals("unregister")) {
                            unregistered.set(true);
                        }
                        return null;
                    });
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (p, m, args) -> {
                        if (m.getName().equals("registerService") && args[0] == ProtocolFrontEnd.class) {
                            service.set(args[1]);
                            properties.set((Dictionary<?, ?>) args[2]);
                            return registration;
                        }
                        if (m.getName().equals("getProperty") && args[0].equals(PgFrontEndComponent.DATA_DIR_PROPERTY)) {
                            return dataDir;
                        }
                        throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    private static PgFrontEndComponent.Config config(String host, int port) {
        return config(host, port, false);
    }

    private static PgFrontEndComponent.Config config(String host, int port, boolean ssl) {
        return new PgFrontEndComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PgFrontEndComponent.Config.class;
            }

            @Override
            public String host() {
                return host;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public int maxConnections() {
                return 5;
            }

            @Override
            public int maxMessageSize() {
                return 1 << 20;
            }

            @Override
            public boolean ssl() {
                return ssl;
            }

            @Override
            public String ssl__cert__file() {
                return "";
            }

            @Override
            public String ssl__key__file() {
                return "";
            }

            @Override
            public boolean requireAuthentication() {
                return false;
            }
        };
    }

    @Test
    void registersTheFrontEndWhileListeningAndUnregistersOnDeactivate() throws Exception {
        RecordingContext context = new RecordingContext();
        PgFrontEndComponent component = new PgFrontEndComponent(new FakeDatabase(), null, config("127.0.0.1", 0),
                context.proxy());
        assertNull(context.service.get()); // nothing listens before activation
        component.start();
        int port = component.server().port();
        ProtocolFrontEnd frontEnd = (ProtocolFrontEnd) context.service.get();
        assertNotNull(frontEnd);
        assertEquals("postgresql", frontEnd.protocol());
        assertEquals("127.0.0.1:" + port, frontEnd.endpoint());
        assertEquals("127.0.0.1:" + port, context.properties.get().get("endpoint"));
        assertEquals(0, frontEnd.connectionCount());

        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/rustydb?preferQueryMode=simple&user=rustydb");
             ResultSet rs = c.createStatement().executeQuery("select 1")) {
            assertTrue(rs.next());
            assertEquals(1, frontEnd.connectionCount());
        }
        component.deactivate();
        assertTrue(context.unregistered.get());
        assertFalse(component.server().isRunning());
        try (ServerSocket rebind = new ServerSocket(port)) {
            assertEquals(port, rebind.getLocalPort());
        }
    }

    @Test
    void withSslTheCertificateIsGeneratedInTheDataFolderAndClientsMayRequireTls(@TempDir Path data)
            throws Exception {
        RecordingContext context = new RecordingContext(data.toString());
        PgFrontEndComponent component = new PgFrontEndComponent(new FakeDatabase(), null,
                config("127.0.0.1", 0, true), context.proxy());
        component.start();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + component.server().port()
                + "/rustydb?preferQueryMode=simple&user=rustydb&sslmode=require");
             ResultSet rs = c.createStatement().executeQuery("select 1")) {
            assertTrue(rs.next());
        } finally {
            component.deactivate();
        }
        assertTrue(Files.isRegularFile(data.resolve("server.crt")));
        assertTrue(Files.isRegularFile(data.resolve("server.key")));
    }

    @Test
    void aPortInUseFailsActivationWithoutRegistering() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            RecordingContext context = new RecordingContext();
            PgFrontEndComponent component = new PgFrontEndComponent(new FakeDatabase(), null,
                    config("127.0.0.1", taken.getLocalPort()), context.proxy());
            assertThrows(IOException.class, component::start);
            assertEquals(null, context.service.get());
        }
    }
}
