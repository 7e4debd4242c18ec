package org.rustydb.client.internal.embedded;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.Dictionary;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * ConfigAdmin of an embedded framework, called reflectively: its API lives in the ConfigAdmin
 * bundle, not on the application's class path, so the driver sees it only through that bundle.
 */
final class ConfigAdmin {
    private static final String ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";

    private final Object admin;
    private final Method getConfiguration;
    private final Method update;

    private ConfigAdmin(Object admin, Method getConfiguration, Method update) {
        this.admin = admin;
        this.getConfiguration = getConfiguration;
        this.update = update;
    }

    static ConfigAdmin await(BundleContext context, long deadline) throws SQLException {
        ServiceReference<?> ref;
        while ((ref = context.getServiceReference(ADMIN)) == null) {
            if (System.currentTimeMillis() > deadline) {
                throw new SQLException("the embedded database did not start: no ConfigurationAdmin", "08001");
            }
            EmbeddedDatabase.sleep();
        }
        try {
            Class<?> adminClass = ref.getBundle().loadClass(ADMIN);
            Class<?> configurationClass = ref.getBundle().loadClass(CONFIGURATION);
            return new ConfigAdmin(context.getService(ref),
                    adminClass.getMethod("getConfiguration", String.class, String.class),
                    configurationClass.getMethod("update", Dictionary.class));
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new SQLException("the embedded database did not start: " + e, "08001", e);
        }
    }

    /** Sets the configuration of a PID, for whichever bundle uses it ("?" location). */
    void update(String pid, Dictionary<String, Object> properties) throws SQLException {
        try {
            Object configuration = getConfiguration.invoke(admin, pid, "?");
            update.invoke(configuration, properties);
        } catch (IllegalAccessException | InvocationTargetException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new SQLException("could not configure " + pid + ": " + cause, "08001", cause);
        }
    }
}
