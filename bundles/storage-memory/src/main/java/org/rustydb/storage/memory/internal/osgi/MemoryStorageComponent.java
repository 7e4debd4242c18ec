package org.rustydb.storage.memory.internal.osgi;

import java.nio.file.Path;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.storage.memory.internal.MemoryStorageEngine;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;
import org.rustydb.storage.memory.internal.durable.DurableStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the memory storage engine under {@code storage.type=memory}. Without a configured
 * {@code dataDirectory} its tables live as long as the component; with one, the engine recovers
 * the directory on activation and keeps it durable. Stopping withdraws the service first, then
 * shuts the engine down (final snapshot, files closed).
 *
 * <p>Configuration (PID {@code org.rustydb.storage.memory}): {@code dataDirectory},
 * {@code fsync}, {@code checkpointBytes}. It is required, even to run in memory only (an empty
 * {@code dataDirectory}): otherwise the engine could start memory-only before the configuration
 * arrives, take commits, and lose them when it restarts with the directory.
 */
@Component(immediate = true, configurationPid = "org.rustydb.storage.memory",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MemoryStorageComponent.Config.class)
public final class MemoryStorageComponent {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryStorageComponent.class);

    @ObjectClassDefinition(name = "RustyDB memory storage engine",
            description = "Memory-resident tables, durable when given a data directory")
    public @interface Config {
        @AttributeDefinition(description = "Directory for the write-ahead log and snapshots; empty keeps the "
                + "data in memory only. Only one engine may use a directory at a time")
        String dataDirectory() default "";

        @AttributeDefinition(description = "Force each commit to disk before it returns. false is NOT crash-safe "
                + "(an OS crash or power failure loses recent commits); for tests and benchmarks only")
        boolean fsync() default true;

        @AttributeDefinition(description = "Log bytes written since the last snapshot that trigger a new one",
                min = "1")
        long checkpointBytes() default DurabilityOptions.DEFAULT_CHECKPOINT_BYTES;
    }

    private final MemoryStorageEngine engine;
    private final ServiceRegistration<StorageEngine> registration;

    @Activate
    public MemoryStorageComponent(BundleContext context, Config config) {
        engine = createEngine(config);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("storage.type", engine.name());
        try {
            registration = context.registerService(StorageEngine.class, engine, properties);
        } catch (RuntimeException e) {
            engine.shutDown();
            throw e;
        }
    }

    /** A purely in-memory engine without a data directory, else a durable one recovered from it. */
    static MemoryStorageEngine createEngine(Config config) {
        String directory = config.dataDirectory().trim();
        if (directory.isEmpty()) {
            LOG.info("memory storage engine started without a data directory: data is not kept across restarts");
            return new MemoryStorageEngine();
        }
        if (!config.fsync()) {
            LOG.warn("memory storage engine runs with fsync=false: commits can be lost in an OS crash");
        }
        MemoryStorageEngine engine = MemoryStorageEngine.open(Path.of(directory).toAbsolutePath(),
                new DurabilityOptions(config.fsync(), config.checkpointBytes()));
        DurableStore.RecoveryInfo info = engine.store().orElseThrow().recoveryInfo();
        LOG.info("memory storage engine opened {}: recovery replayed {} log records after the snapshot at {} in {} ms",
                directory, info.records(), info.snapshotLsn(), info.millis());
        return engine;
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            LOG.debug("storage engine service already unregistered", e);
        }
        engine.shutDown();
    }
}
