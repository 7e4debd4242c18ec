package org.rustydb.itests;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The state of every Declarative Services component, read from SCR's ServiceComponentRuntime.
 * The DS API is not on the test class path (it lives in the framework), so this goes through
 * reflection on the API classes as SCR's bundle sees them.
 */
final class ComponentStates {
    private static final String SCR = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    private static final String DESCRIPTION = "org.osgi.service.component.runtime.dto.ComponentDescriptionDTO";
    // ComponentConfigurationDTO.SATISFIED and ACTIVE
    private static final int SATISFIED = 4;
    private static final int ACTIVE = 8;

    /** Component name to a problem description, for every component not satisfied or active. */
    final Map<String, String> problems = new TreeMap<>();
    /** Bundle symbolic name to the names of its components. */
    final Map<String, List<String>> componentsByBundle = new TreeMap<>();

    private ComponentStates() {
    }

    static ComponentStates read(BundleContext context) throws Exception {
        ServiceReference<?> reference = context.getServiceReference(SCR);
        if (reference == null) {
            throw new IllegalStateException("no " + SCR + " service: is org.apache.felix.scr active?");
        }
        Object runtime = context.getService(reference);
        try {
            Bundle scrBundle = reference.getBundle();
            Class<?> api = scrBundle.loadClass(SCR);
            Class<?> descriptionType = scrBundle.loadClass(DESCRIPTION);
            Method descriptions = api.getMethod("getComponentDescriptionDTOs", Bundle[].class);
            Method configurations = api.getMethod("getComponentConfigurationDTOs", descriptionType);
            Method enabled = api.getMethod("isComponentEnabled", descriptionType);

            ComponentStates states = new ComponentStates();
            for (Object description : (Iterable<?>) descriptions.invoke(runtime, (Object) new Bundle[0])) {
                String name = (String) field(description, "name");
                String bundle = (String) field(field(description, "bundle"), "symbolicName");
                states.componentsByBundle.computeIfAbsent(bundle, b -> new ArrayList<>()).add(name);
                if (!(Boolean) enabled.invoke(runtime, description)) {
                    states.problems.put(name, "disabled");
                    continue;
                }
                List<String> bad = new ArrayList<>();
                int running = 0;
                for (Object configuration : (Iterable<?>) configurations.invoke(runtime, description)) {
                    int state = (Integer) field(configuration, "state");
                    if (state == SATISFIED || state == ACTIVE) {
                        running++;
                    } else {
                        bad.add(describe(configuration, state));
                    }
                }
                if (running == 0 || !bad.isEmpty()) {
                    states.problems.put(name, bundle + (bad.isEmpty() ? ": no configuration" : ": " + bad));
                }
            }
            return states;
        } finally {
            context.ungetService(reference);
        }
    }

    private static String describe(Object configuration, int state) throws ReflectiveOperationException {
        StringBuilder text = new StringBuilder(switch (state) {
            case 1 -> "UNSATISFIED_CONFIGURATION";
            case 2 -> "UNSATISFIED_REFERENCE";
            case 16 -> "FAILED_ACTIVATION";
            default -> "state " + state;
        });
        Object unsatisfied = field(configuration, "unsatisfiedReferences");
        for (int i = 0; unsatisfied != null && i < Array.getLength(unsatisfied); i++) {
            text.append(" missing reference ").append(field(Array.get(unsatisfied, i), "name"));
        }
        Object failure = field(configuration, "failure");
        if (failure != null) {
            text.append(" failure: ").append(failure);
        }
        return text.toString();
    }

    private static Object field(Object dto, String name) throws ReflectiveOperationException {
        return dto.getClass().getField(name).get(dto);
    }
}
