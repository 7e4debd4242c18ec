package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.security.PrivilegeCatalog;
import org.rustydb.spi.security.RoleCatalog;
import org.rustydb.spi.security.RoleInfo;
import org.rustydb.spi.txn.Transaction;

/** The roles as the catalog shows them, read through the caller's transaction. */
public final class RoleDirectory implements RoleCatalog {
    private final RoleStore store;
    private final PrivilegeDirectory privileges;

    public RoleDirectory(RoleStore store, PrivilegeDirectory privileges) {
        this.store = store;
        this.privileges = privileges;
    }

    @Override
    public PrivilegeCatalog privileges() {
        return privileges;
    }

    @Override
    public List<RoleInfo> roles(Transaction txn) {
        List<Role> roles = store.roles(txn);
        RoleGraph graph = new RoleGraph(roles, store.memberships(txn));
        List<RoleInfo> list = new ArrayList<>();
        for (Role r : roles) {
            list.add(new RoleInfo(r.oid(), r.name(), r.superuser(), r.inherit(), r.createRole(), r.createDb(),
                    r.canLogin(), r.connectionLimit(), r.validUntil(), r.password() != null, graph.memberOf(r.oid())));
        }
        return list;
    }
}
