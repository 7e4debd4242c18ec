package org.rustydb.security.internal;

import java.security.SecureRandom;

import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the role tables of a database: on a fresh one, creates them with the superuser
 * {@code rustydb}, whose password is the one given (RUSTYDB_PASSWORD) or a generated one printed
 * once to the console and the log. One transaction, so a crash leaves either all or nothing.
 */
public final class Bootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
    public static final String SUPERUSER = "rustydb";

    private Bootstrap() {
    }

    /**
     * @param initialPassword the superuser's first password; null or empty: generate one
     * @return the generated password when one was generated, else null
     */
    public static String run(TransactionManager transactions, RoleStore store, String initialPassword) {
        Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, false);
        try {
            if (!store.ensureTables(txn) && !store.roles(txn).isEmpty()) {
                // a database made before owners and privileges were kept gains their table
                boolean created = new PrivilegeStore(store.storage()).ensureTable(txn);
                created |= new DefaultAclStore(store.storage()).ensureTable(txn);
                if (created) {
                    txn.commit();
                } else {
                    txn.rollback();
                }
                return null;
            }
            new PrivilegeStore(store.storage()).ensureTable(txn);
            new DefaultAclStore(store.storage()).ensureTable(txn);
            String generated = null;
            String password = initialPassword;
            if (password == null || password.isEmpty()) {
                generated = generate();
                password = generated;
            }
            store.insert(txn, new Role(RoleStore.BOOTSTRAP_OID, SUPERUSER, true, true, true, true, true, -1, null,
                    Scram.create(password).encode()));
            txn.commit();
            if (generated != null) {
                String message = "created the superuser " + SUPERUSER + " with the password " + generated
                        + " (shown only once; change it with ALTER ROLE " + SUPERUSER + " PASSWORD '...')";
                System.out.println("rustydb: " + message);
                LOG.warn(message);
            } else {
                LOG.info("created the superuser {} with the initial password given (RUSTYDB_PASSWORD)", SUPERUSER);
            }
            return generated;
        } finally {
            if (txn.state() == Transaction.State.ACTIVE) {
                txn.rollback();
            }
        }
    }

    private static String generate() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
