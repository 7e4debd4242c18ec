package org.rustydb.operations.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.felix.service.command.Function;
import org.rustydb.spi.shell.ShellCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each {@link ShellCommand} as a Gogo function of the {@code rustydb} scope and withdraws
 * it when the command goes away. Gogo cannot tell apart two functions of one name in one scope, so
 * only the first command of a name is published; the next one takes over when it leaves.
 *
 * <p>Threading: commands come and go on any thread; all methods are synchronized.
 */
public final class ShellBridge {
    private static final Logger LOG = LoggerFactory.getLogger(ShellBridge.class);
    private static final Pattern VALID_NAME = Pattern.compile("[a-z][a-z0-9_.-]*");

    /** The Gogo scope of every published command. */
    public static final String SCOPE = "rustydb";

    /** Makes a function visible to the shell (in OSGi: registers a service). */
    @FunctionalInterface
    public interface Publisher {
        Publication publish(String name, String description, Function function);
    }

    /** A published function; withdrawing twice is harmless. */
    @FunctionalInterface
    public interface Publication {
        void withdraw();
    }

    private final Publisher publisher;
    private final Map<ShellCommand, String> names = new IdentityHashMap<>();
    private final Map<String, List<ShellCommand>> candidates = new HashMap<>();
    private final Map<String, Publication> published = new HashMap<>();
    private boolean closed;

    public ShellBridge(Publisher publisher) {
        this.publisher = publisher;
    }

    public synchronized void add(ShellCommand command) {
        if (closed || names.containsKey(command)) {
            return;
        }
        String name;
        try {
            name = command.name();
        } catch (RuntimeException e) {
            LOG.warn("ignoring shell command {}: its name failed", command.getClass().getName(), e);
            return;
        }
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            LOG.warn("ignoring shell command {}: invalid name '{}'", command.getClass().getName(), name);
            return;
        }
        names.put(command, name);
        List<ShellCommand> list = candidates.computeIfAbsent(name, k -> new ArrayList<>());
        list.add(command);
        if (list.size() == 1) {
            publish(name, command);
        } else {
            LOG.warn("{}:{} is already provided by {}; {} waits until it leaves", SCOPE, name,
                    list.get(0).getClass().getName(), command.getClass().getName());
        }
    }

    public synchronized void remove(ShellCommand command) {
        String name = names.remove(command);
        if (name == null) {
            return;
        }
        List<ShellCommand> list = candidates.get(name);
        boolean wasPublished = list.get(0) == command;
        list.remove(command);
        if (!wasPublished) {
            return;
        }
        Publication publication = published.remove(name);
        if (publication != null) {
            publication.withdraw();
        }
        if (list.isEmpty()) {
            candidates.remove(name);
        } else if (!closed) {
            publish(name, list.get(0));
        }
    }

    /** Withdraws every published command; later additions are ignored. */
    public synchronized void close() {
        closed = true;
        for (Publication publication : published.values()) {
            publication.withdraw();
        }
        published.clear();
        names.clear();
        candidates.clear();
    }

    /** The names currently published, for diagnostics and tests. */
    public synchronized List<String> publishedNames() {
        return List.copyOf(published.keySet());
    }

    private void publish(String name, ShellCommand command) {
        String description;
        try {
            description = command.description();
        } catch (RuntimeException e) {
            description = "";
        }
        try {
            published.put(name, publisher.publish(name, description, new CommandFunction(command, name)));
        } catch (RuntimeException e) {
            LOG.error("could not publish {}:{}", SCOPE, name, e);
        }
    }
}
