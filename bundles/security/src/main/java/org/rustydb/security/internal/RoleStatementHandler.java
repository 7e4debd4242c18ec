package org.rustydb.security.internal;

import java.util.List;

import org.rustydb.api.IsolationLevel;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Results;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.exec.StatementHandler;
import org.rustydb.spi.txn.Transaction;

/**
 * Runs the role statements that begin with one keyword (or keyword pair: CREATE ROLE) in the
 * session's transaction block, or outside one in a transaction of their own that commits at once,
 * so a rolled-back block leaves no trace of its role changes.
 */
public final class RoleStatementHandler implements StatementHandler {
    /** The leading keywords handled, one handler each. */
    public static final List<String> KEYWORDS = List.of("CREATE ROLE", "CREATE USER", "ALTER ROLE", "ALTER USER",
            "DROP ROLE", "DROP USER", "GRANT", "REVOKE", "REASSIGN", "ALTER DEFAULT");

    private final String keyword;
    private final PrivilegeDirectory privileges;

    public RoleStatementHandler(String keyword, PrivilegeDirectory privileges) {
        this.keyword = keyword;
        this.privileges = privileges;
    }

    @Override
    public String keyword() {
        return keyword;
    }

    @Override
    public void execute(SessionContext session, String statement, ResultSink sink) {
        Transaction block = session.openTransaction();
        Transaction txn = block != null ? block : session.transactions().begin(IsolationLevel.READ_COMMITTED, false);
        String tag;
        try {
            if (keyword.equals("ALTER DEFAULT")) {
                tag = new DefaultPrivileges(session, txn, privileges).run(statement);
            } else if (keyword.equals("REASSIGN")) {
                tag = new PrivilegeCommands(session, txn, privileges, sink::notice).reassign(statement);
            } else if ((keyword.equals("GRANT") || keyword.equals("REVOKE")) && GrantStatement.isObjectGrant(statement)) {
                tag = new PrivilegeCommands(session, txn, privileges, sink::notice).run(statement);
            } else {
                tag = new RoleCommands(new RoleStore(session.storage(), privileges.versions()), txn, session.user(),
                        sink::notice, privileges).withSessionUser(session.sessionUser()).run(statement);
            }
            if (block == null) {
                txn.commit();
            }
        } finally {
            if (block == null && txn.state() == Transaction.State.ACTIVE) {
                txn.rollback();
            }
        }
        sink.accept(Results.command(tag));
    }
}
