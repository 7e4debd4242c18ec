package org.rustydb.kernel.internal.osgi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.rustydb.api.Database;
import org.rustydb.api.DatabaseStatus;
import org.rustydb.api.Session;
import org.rustydb.kernel.internal.KernelDatabase;
import org.rustydb.spi.exec.QueryEngine;
import org.rustydb.spi.exec.StatementHandler;
import org.rustydb.spi.frontend.ProtocolFrontEnd;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.session.SessionInfo;
import org.rustydb.spi.session.SessionRegistry;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the kernel's {@link Database}, and its {@link SessionRegistry} with it, and wires it to
 * the service registry. Every reference is optional and dynamic so that the database stays
 * registered while a required service is missing (and reports 57P03), and picks the service up
 * again without a restart.
 */
@Component(service = {Database.class, SessionRegistry.class}, immediate = true,
        configurationPid = "org.rustydb.kernel")
@Designate(ocd = KernelComponent.Config.class)
public final class KernelComponent implements Database, SessionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(KernelComponent.class);

    @ObjectClassDefinition(name = "RustyDB kernel")
    public @interface Config {
        @AttributeDefinition(description = "The name of the database clients connect to")
        String name() default "rustydb";
    }

    private final KernelDatabase database;

    @Activate
    public KernelComponent(Config config) {
        this.database = new KernelDatabase(config.name());
        LOG.info("kernel started, database {}", config.name());
    }

    @Deactivate
    void deactivate() {
        database.closeAllSessions();
        LOG.info("kernel stopped");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStorage(StorageEngine engine) {
        database.bindStorage(engine);
        LOG.info("storage engine {} bound", engine.name());
    }

    void unbindStorage(StorageEngine engine) {
        database.unbindStorage(engine);
        LOG.info("storage engine {} unbound", engine.name());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTransactionManager(TransactionManager manager) {
        database.bindTransactionManager(manager);
        LOG.info("transaction manager bound");
    }

    void unbindTransactionManager(TransactionManager manager) {
        database.unbindTransactionManager(manager);
        LOG.info("transaction manager unbound");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindQueryEngine(QueryEngine engine) {
        database.bindQueryEngine(engine);
        LOG.info("query engine bound");
    }

    void unbindQueryEngine(QueryEngine engine) {
        database.unbindQueryEngine(engine);
        LOG.info("query engine unbound");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRoleCatalog(org.rustydb.spi.security.RoleCatalog catalog) {
        database.bindRoleCatalog(catalog);
    }

    void unbindRoleCatalog(org.rustydb.spi.security.RoleCatalog catalog) {
        database.unbindRoleCatalog(catalog);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindFunction(SqlFunction function) {
        database.extensions().addFunction(function);
    }

    void unbindFunction(SqlFunction function) {
        database.extensions().removeFunction(function);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindStatementHandler(StatementHandler handler) {
        database.extensions().addStatementHandler(handler);
    }

    void unbindStatementHandler(StatementHandler handler) {
        database.extensions().removeStatementHandler(handler);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindFrontEnd(ProtocolFrontEnd frontEnd) {
        database.extensions().addFrontEnd(frontEnd);
    }

    void unbindFrontEnd(ProtocolFrontEnd frontEnd) {
        database.extensions().removeFrontEnd(frontEnd);
    }

    @Override
    public String name() {
        return database.name();
    }

    @Override
    public Session openSession(String user, Map<String, String> parameters) {
        return database.openSession(user, parameters);
    }

    @Override
    public DatabaseStatus status() {
        return database.status();
    }

    @Override
    public List<SessionInfo> sessions() {
        return database.sessions();
    }

    @Override
    public Optional<SessionInfo> session(long id) {
        return database.session(id);
    }

    @Override
    public boolean cancel(long id) {
        return database.cancel(id);
    }

    @Override
    public boolean terminate(long id) {
        return database.terminate(id);
    }

    @Override
    public boolean attachConnection(long id, String clientAddress, Runnable disconnect) {
        return database.attachConnection(id, clientAddress, disconnect);
    }
}
