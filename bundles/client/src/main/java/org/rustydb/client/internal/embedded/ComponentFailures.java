package org.rustydb.client.internal.embedded;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Components of an embedded framework that failed to activate (the storage engine on a directory
 * it cannot open, for instance), read from DS's ServiceComponentRuntime, whose API lives in the
 * framework (so it is called reflectively): the driver reports such a failure at once, with the
 * SQLSTATE of the engine's error, instead of waiting for a service that will not come.
 */
final class ComponentFailures {
    private static final String RUNTIME = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    private static final String DESCRIPTION = "org.osgi.service.component.runtime.dto.ComponentDescriptionDTO";
    private static final int FAILED_ACTIVATION = 16;
    /** How a DbException prints itself ({@code ERROR 55P03: message}) inside the failure's stack trace. */
    private static final Pattern DB_EXCEPTION = Pattern.compile("(?:ERROR|FATAL|PANIC) ([0-9A-Z]{5}): (.*)");

    private ComponentFailures() {
    }

    /** Throws the first failed activation found, if any. */
    static void check(BundleContext context) throws SQLException {
        ServiceReference<?> ref = context.getServiceReference(RUNTIME);
        if (ref == null) {
            return;
        }
        Object runtime = context.getService(ref);
        try {
            Class<?> runtimeClass = ref.getBundle().loadClass(RUNTIME);
            Class<?> descriptionClass = ref.getBundle().loadClass(DESCRIPTION);
            Method descriptions = runtimeClass.getMethod("getComponentDescriptionDTOs", Bundle[].class);
            Method configurations = runtimeClass.getMethod("getComponentConfigurationDTOs", descriptionClass);
            for (Object description : (Collection<?>) descriptions.invoke(runtime, (Object) new Bundle[0])) {
                for (Object configuration : (Collection<?>) configurations.invoke(runtime, description)) {
                    if (field(configuration, "state") instanceof Integer state && state == FAILED_ACTIVATION) {
                        throw failure((String) field(description, "name"), (String) field(configuration, "failure"));
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a DS without the runtime API: the wait for the database's services reports what is missing
        } finally {
            context.ungetService(ref);
        }
    }

    private static Object field(Object dto, String name) throws ReflectiveOperationException {
        Field field = dto.getClass().getField(name);
        return field.get(dto);
    }

    static SQLException failure(String component, String failure) {
        String text = failure == null ? "" : failure;
        Matcher m = DB_EXCEPTION.matcher(text);
        String state = null;
        String message = null;
        while (m.find()) { // the innermost DbException is the cause
            state = m.group(1);
            message = m.group(2).trim();
        }
        if (state == null) {
            String firstLine = text.lines().findFirst().orElse("unknown failure");
            return new SQLException("the embedded database did not start: " + component + " failed: " + firstLine,
                    "XX000");
        }
        return new SQLException(message, state);
    }
}
