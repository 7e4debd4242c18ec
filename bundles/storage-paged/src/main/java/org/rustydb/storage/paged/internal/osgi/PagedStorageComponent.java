package org.rustydb.storage.paged.internal.osgi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.shell.ShellCommand;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.storage.paged.internal.engine.PagedOptions;
import org.rustydb.storage.paged.internal.engine.PagedStorageEngine;
import org.rustydb.storage.paged.internal.shell.CheckCommand;
import org.rustydb.storage.paged.internal.shell.CheckFunction;
import org.rustydb.storage.paged.internal.shell.StorageCommand;
import org.rustydb.storage.paged.internal.shell.VacuumCommand;
import org.rustydb.storage.paged.internal.vacuum.VacuumOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the paged (disk-based) storage engine under {@code storage.type=paged}, ranked above
 * the memory engine so the kernel uses it when both run. The configuration (PID
 * {@code org.rustydb.storage.paged}) is required: the engine must not start on a default directory
 * before the real one is configured. Stopping withdraws the service first, then checkpoints and
 * closes the files.
 */
@Component(immediate = true, configurationPid = "org.rustydb.storage.paged",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PagedStorageComponent.Config.class)
public final class PagedStorageComponent {
    private static final Logger LOG = LoggerFactory.getLogger(PagedStorageComponent.class);
    private static final int RANKING = 100;

    @ObjectClassDefinition(name = "RustyDB paged storage engine",
            description = "Disk-based tables and indexes with a buffer pool and a write-ahead log")
    public @interface Config {
        @AttributeDefinition(description = "Directory of the database files. Only one engine may use it at a time")
        String dataDirectory();

        @AttributeDefinition(description = "Force the log at commit and data files at checkpoints. false is NOT "
                + "crash-safe (an OS crash or power failure loses recent commits); for tests and benchmarks only")
        boolean fsync() default true;

        @AttributeDefinition(description = "Memory for cached pages, in MiB; 0 means a quarter of the JVM's "
                + "maximum heap (at least 128 MiB, unless that is more than half of it)", min = "0")
        long bufferPoolMegabytes() default 0;

        @AttributeDefinition(description = "Global memory budget in MiB (buffer pool plus query work memory); "
                + "0 means twice the buffer pool, at least 256 MiB more", min = "0")
        long memoryLimitMegabytes() default 0;

        @AttributeDefinition(description = "Log bytes written since the last checkpoint that trigger the next one",
                min = "1")
        long checkpointBytes() default PagedOptions.DEFAULT_CHECKPOINT_BYTES;

        @AttributeDefinition(description = "Run the background vacuum, which removes the dead row versions of "
                + "tables that have enough of them (VACUUM works either way)")
        boolean autovacuum() default true;

        @AttributeDefinition(description = "Seconds between two rounds of the background vacuum over the tables",
                min = "1")
        long autovacuumNaptimeSeconds() default VacuumOptions.DEFAULT_NAPTIME_SECONDS;

        @AttributeDefinition(description = "Dead row versions a table needs at least before the background vacuum "
                + "takes it", min = "0")
        long autovacuumVacuumThreshold() default VacuumOptions.DEFAULT_THRESHOLD;

        @AttributeDefinition(description = "Fraction of a table's live rows that must be dead besides the threshold",
                min = "0")
        double autovacuumVacuumScaleFactor() default VacuumOptions.DEFAULT_SCALE_FACTOR;

        @AttributeDefinition(description = "Memory for the row ids of dead versions one vacuum collects before it "
                + "cleans the indexes of them, in MiB (PostgreSQL's maintenance_work_mem)", min = "1")
        int vacuumMemoryMegabytes() default VacuumOptions.DEFAULT_MEMORY_MEGABYTES;
    }

    private final PagedStorageEngine engine;
    private final ServiceRegistration<StorageEngine> registration;
    private final List<ServiceRegistration<ShellCommand>> commands = new ArrayList<>();
    private ServiceRegistration<SqlFunction> function;

    @Activate
    public PagedStorageComponent(BundleContext context, Config config) {
        engine = PagedStorageEngine.open(Path.of(config.dataDirectory().trim()).toAbsolutePath(), options(config));
        if (!config.fsync()) {
            LOG.warn("paged storage engine runs with fsync=false: commits can be lost in an OS crash");
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("storage.type", engine.name());
        properties.put(Constants.SERVICE_RANKING, RANKING);
        try {
            registration = context.registerService(StorageEngine.class, engine, properties);
            commands.add(context.registerService(ShellCommand.class, new CheckCommand(engine), null));
            commands.add(context.registerService(ShellCommand.class, new StorageCommand(engine.store()), null));
            commands.add(context.registerService(ShellCommand.class, new VacuumCommand(engine.vacuums()), null));
            function = context.registerService(SqlFunction.class, new CheckFunction(engine), null);
        } catch (RuntimeException e) {
            engine.shutDown();
            throw e;
        }
    }

    static PagedOptions options(Config config) {
        long pool = config.bufferPoolMegabytes() == 0
                ? PagedOptions.autoBufferPoolBytes(Runtime.getRuntime().maxMemory())
                : config.bufferPoolMegabytes() << 20;
        PagedOptions defaults = new PagedOptions(config.fsync(), pool, config.checkpointBytes());
        long memory = config.memoryLimitMegabytes() == 0 ? defaults.memoryLimitBytes() : config.memoryLimitMegabytes() << 20;
        return new PagedOptions(config.fsync(), pool, memory, config.checkpointBytes(), defaults.wal(), vacuum(config));
    }

    static VacuumOptions vacuum(Config config) {
        long rowIds = Math.min(Integer.MAX_VALUE, (long) config.vacuumMemoryMegabytes() * (1 << 20) / Long.BYTES);
        return new VacuumOptions(config.autovacuum(), config.autovacuumNaptimeSeconds() * 1000,
                config.autovacuumVacuumThreshold(), config.autovacuumVacuumScaleFactor(), (int) rowIds);
    }

    @Deactivate
    void deactivate() {
        if (function != null) {
            try {
                function.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("function already unregistered", e);
            }
        }
        for (ServiceRegistration<ShellCommand> command : commands) {
            try {
                command.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("shell command already unregistered", e);
            }
        }
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            LOG.debug("storage engine service already unregistered", e);
        }
        engine.shutDown();
    }
}
