package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.security.ObjectKind;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.PrivilegeCatalog;
import org.rustydb.spi.security.Privileges;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;

/**
 * The privilege catalog over {@link PrivilegeStore} and {@link RoleStore}. Views are cached: a
 * transaction that changed nothing gets the view of the latest committed state, read once per
 * change in a transaction of its own begun after reading the change count (so it includes every
 * change counted), as PostgreSQL reads its catalogs with a fresh snapshot; a transaction with
 * changes of its own reads them through itself.
 */
public final class PrivilegeDirectory implements PrivilegeCatalog {
    private record Cached(long version, long txn, PrivilegeView view) {
    }

    private final RoleStore roles;
    private final PrivilegeStore store;
    private final TransactionManager transactions;
    private final PrivilegeVersions versions;
    private volatile Cached committed;
    private volatile Cached own;

    public PrivilegeDirectory(RoleStore roles, TransactionManager transactions, PrivilegeVersions versions) {
        this.roles = roles;
        this.store = new PrivilegeStore(roles.storage());
        this.transactions = transactions;
        this.versions = versions;
    }

    public PrivilegeVersions versions() {
        return versions;
    }

    @Override
    public Privileges privileges(Transaction txn) {
        return view(txn);
    }

    public PrivilegeView view(Transaction txn) {
        long version = versions.current();
        if (versions.wrote(txn)) {
            Cached c = own;
            if (c != null && c.version == version && c.txn == txn.id()) {
                return c.view;
            }
            PrivilegeView view = load(txn);
            own = new Cached(version, txn.id(), view);
            return view;
        }
        Cached c = committed;
        if (c != null && c.version == version) {
            return c.view;
        }
        Transaction reader = transactions.begin(IsolationLevel.READ_COMMITTED, true);
        PrivilegeView view;
        try {
            view = load(reader);
        } finally {
            reader.rollback();
        }
        committed = new Cached(version, -1, view);
        return view;
    }

    private PrivilegeView load(Transaction txn) {
        return new PrivilegeView(roles.roles(txn), roles.memberships(txn),
                store.exists(txn) ? store.rows(txn) : List.of(), new DefaultAclStore(roles.storage()).rows(txn));
    }

    @Override
    public void created(Transaction txn, ObjectRef object, String owner) {
        long oid = roles.find(txn, owner).map(Role::oid).orElse(RoleStore.BOOTSTRAP_OID);
        // only the default privileges are read (a small table), not a whole view: a script may create many objects
        Acl acl = DefaultPrivileges.forNew(new DefaultAclStore(roles.storage()).rows(txn), oid, object);
        store.delete(txn, r -> r.object().equals(object));
        store.put(txn, new PrivilegeStore.Row(object, "", oid, acl));
        versions.changed(txn);
    }

    @Override
    public void dropped(Transaction txn, ObjectRef object) {
        boolean changed = !store.delete(txn, r -> r.object().equals(object)).isEmpty();
        if (object.kind() == ObjectKind.SCHEMA) {
            // the schema's default privileges go with it, as pg_default_acl's entries do in PostgreSQL
            DefaultAclStore defaults = new DefaultAclStore(roles.storage());
            changed |= !defaults.delete(txn, r -> r.schema().equals(object.name())).isEmpty();
        }
        if (changed) {
            versions.changed(txn);
        }
    }

    @Override
    public void renamed(Transaction txn, ObjectRef object, String newName) {
        List<PrivilegeStore.Row> moved = store.delete(txn, r -> r.object().equals(object)
                || object.kind() == ObjectKind.SCHEMA && object.name().equals(r.object().schema()));
        // whatever was recorded under the new name belonged to an object that is gone
        ObjectRef target = new ObjectRef(object.kind(), object.schema(), newName);
        store.delete(txn, r -> r.object().equals(target));
        for (PrivilegeStore.Row r : moved) {
            ObjectRef o = r.object().equals(object) ? target
                    : new ObjectRef(r.object().kind(), newName, r.object().name());
            store.put(txn, new PrivilegeStore.Row(o, r.column(), r.owner(), r.acl()));
        }
        if (object.kind() == ObjectKind.SCHEMA) {
            DefaultAclStore defaults = new DefaultAclStore(roles.storage());
            for (DefaultAclStore.Row r : defaults.delete(txn, r -> r.schema().equals(object.name()))) {
                defaults.put(txn, new DefaultAclStore.Row(r.role(), newName, r.kind(), r.acl()));
            }
        }
        versions.changed(txn);
    }

    @Override
    public void moved(Transaction txn, ObjectRef object, String newSchema) {
        List<PrivilegeStore.Row> moved = store.delete(txn, r -> r.object().equals(object));
        ObjectRef target = new ObjectRef(object.kind(), newSchema, object.name());
        // whatever was recorded under the new name belonged to an object that is gone
        store.delete(txn, r -> r.object().equals(target));
        for (PrivilegeStore.Row r : moved) {
            store.put(txn, new PrivilegeStore.Row(target, r.column(), r.owner(), r.acl()));
        }
        versions.changed(txn);
    }

    @Override
    public void revokedAll(Transaction txn, String role) {
        Long oid = roles.find(txn, role).map(Role::oid).orElse(null);
        if (oid == null || !store.exists(txn)) {
            return;
        }
        // (the default privileges below are only kept where the object lists are)
        List<PrivilegeStore.Row> changed = new ArrayList<>();
        for (PrivilegeStore.Row r : store.rows(txn)) {
            if (r.acl() == null || !r.acl().mentions(oid)) {
                continue;
            }
            Acl acl = r.acl();
            for (Acl.Entry e : r.acl().entries()) {
                if (e.grantee() == oid) {
                    acl = acl.revoke(oid, e.grantor(), e.privileges(), false, true);
                }
            }
            changed.add(new PrivilegeStore.Row(r.object(), r.column(), r.owner(), acl));
        }
        for (PrivilegeStore.Row r : changed) {
            store.put(txn, r);
        }
        boolean defaultsChanged = forgetDefaults(txn, oid);
        if (!changed.isEmpty() || defaultsChanged) {
            versions.changed(txn);
        }
    }

    /** DROP OWNED's part in the default privileges: the role's entries go, and the role leaves the others'. */
    private boolean forgetDefaults(Transaction txn, long oid) {
        DefaultAclStore defaults = new DefaultAclStore(roles.storage());
        boolean changed = !defaults.delete(txn, r -> r.role() == oid).isEmpty();
        for (DefaultAclStore.Row r : defaults.rows(txn)) {
            if (!r.acl().mentions(oid)) {
                continue;
            }
            Acl acl = r.acl();
            for (Acl.Entry e : r.acl().entries()) {
                if (e.grantee() == oid) {
                    acl = acl.revoke(oid, e.grantor(), e.privileges(), false, true);
                }
            }
            Acl start = r.schema().isEmpty() ? Acl.defaults(r.kind(), r.role()) : new Acl(List.of());
            DefaultAclStore.Row kept = new DefaultAclStore.Row(r.role(), r.schema(), r.kind(), acl);
            if (new java.util.HashSet<>(acl.entries()).equals(new java.util.HashSet<>(start.entries()))) {
                defaults.delete(txn, x -> x.sameKey(kept));
            } else {
                defaults.put(txn, kept);
            }
            changed = true;
        }
        return changed;
    }

    @Override
    public void columnRenamed(Transaction txn, ObjectRef table, String column, String newName) {
        List<PrivilegeStore.Row> moved = store.delete(txn, r -> r.object().equals(table) && r.column().equals(column));
        for (PrivilegeStore.Row r : moved) {
            store.put(txn, new PrivilegeStore.Row(table, newName, r.owner(), r.acl()));
        }
        if (!moved.isEmpty()) {
            versions.changed(txn);
        }
    }

    @Override
    public void columnDropped(Transaction txn, ObjectRef table, String column) {
        if (!store.delete(txn, r -> r.object().equals(table) && r.column().equals(column)).isEmpty()) {
            versions.changed(txn);
        }
    }

    @Override
    public void ownerChanged(Transaction txn, ObjectRef object, String newOwner) {
        PrivilegeView view = load(txn);
        long oldOid = view.ownerOid(object);
        long newOid = roles.find(txn, newOwner).map(Role::oid).orElse(RoleStore.BOOTSTRAP_OID);
        PrivilegeStore.Row row = view.row(object);
        Acl acl = row == null ? (object.kind() == ObjectKind.SCHEMA && object.name().equals("public")
                ? Acl.publicSchema() : null) : row.acl();
        store.put(txn, new PrivilegeStore.Row(object, "", newOid, acl == null ? null : acl.newOwner(oldOid, newOid)));
        List<PrivilegeStore.Row> columns = new ArrayList<>();
        view.columnAcls(object).forEach((c, a) -> columns.add(new PrivilegeStore.Row(object, c, 0,
                a.newOwner(oldOid, newOid))));
        for (PrivilegeStore.Row c : columns) {
            store.put(txn, c);
        }
        versions.changed(txn);
    }
}
