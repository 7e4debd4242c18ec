package org.rustydb.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.security.AclItem;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privilege;
import org.rustydb.spi.security.Privileges;
import org.rustydb.spi.txn.Transaction;

/** Owners and lists follow their objects transactionally, and cached views follow commits. */
class PrivilegeDirectoryTest {
    private final RoleFixture db = new RoleFixture();
    private final ObjectRef t = ObjectRef.relation("public", "t");

    private void inTransaction(java.util.function.Consumer<Transaction> work) {
        Transaction txn = db.transactions.begin(IsolationLevel.READ_COMMITTED, false);
        work.accept(txn);
        txn.commit();
    }

    private Privileges committed() {
        Transaction txn = db.transactions.begin(IsolationLevel.READ_COMMITTED, true);
        try {
            return db.privileges.privileges(txn);
        } finally {
            txn.rollback();
        }
    }

    /** Grants SELECT on t to a role as its owner would. */
    private void grantSelect(Transaction txn, String role) {
        PrivilegeView view = db.privileges.view(txn);
        long owner = view.ownerOid(t);
        Acl acl = view.aclOf(t).grant(view.role(role).oid(), owner, Privilege.SELECT.bit(), false);
        new PrivilegeStore(db.store.storage()).put(txn, new PrivilegeStore.Row(t, "", owner, acl));
        db.versions.changed(txn);
    }

    @Test
    void anObjectWithoutARecordBelongsToTheBootstrapSuperuser() {
        db.run("create user alice");
        Privileges p = committed();
        assertEquals("rustydb", p.owner(t));
        assertNull(p.acl(t));
        assertFalse(p.has("alice", t, Privilege.SELECT.bit()));
        assertTrue(p.has("rustydb", t, Privilege.ALL_TABLE));
        assertEquals("pg_database_owner", p.owner(ObjectRef.schema("public")));
        assertTrue(p.has("alice", ObjectRef.schema("public"), Privilege.USAGE.bit()));
        assertFalse(p.has("alice", ObjectRef.schema("public"), Privilege.CREATE.bit()));
    }

    @Test
    void aRolledBackCreateLeavesNothingAndACommittedOneIsSeenAtOnce() {
        db.run("create user alice");
        Privileges before = committed();
        assertSame(before, committed()); // nothing changed: the cached view
        Transaction txn = db.transactions.begin(IsolationLevel.READ_COMMITTED, false);
        db.privileges.created(txn, t, "alice");
        assertEquals("alice", db.privileges.privileges(txn).owner(t));
        txn.rollback(); // (the in-memory engine reads uncommitted rows, so only the end is looked at)
        assertEquals("rustydb", committed().owner(t));
        inTransaction(x -> db.privileges.created(x, t, "alice"));
        assertEquals("alice", committed().owner(t));
        assertTrue(committed().isOwner("alice", t));
    }

    @Test
    void aRollbackToASavepointUndoesTheRecordAndTheViewFollows() {
        db.run("create user alice");
        Transaction txn = db.transactions.begin(IsolationLevel.READ_COMMITTED, false);
        txn.savepoint("a");
        db.privileges.created(txn, t, "alice");
        assertEquals("alice", db.privileges.privileges(txn).owner(t));
        txn.rollbackToSavepoint("a");
        assertEquals("rustydb", db.privileges.privileges(txn).owner(t));
        txn.commit();
        assertEquals("rustydb", committed().owner(t));
    }

    @Test
    void aDroppedObjectsGrantsDoNotPassToANewOneOfTheSameName() {
        db.run("create user alice");
        db.run("create user bob");
        inTransaction(x -> db.privileges.created(x, t, "alice"));
        inTransaction(x -> grantSelect(x, "bob"));
        assertTrue(committed().has("bob", t, Privilege.SELECT.bit()));
        assertEquals(List.of(new AclItem("alice", "alice", Privilege.ALL_TABLE, 0),
                new AclItem("bob", "alice", Privilege.SELECT.bit(), 0)), committed().acl(t));
        inTransaction(x -> db.privileges.dropped(x, t));
        inTransaction(x -> db.privileges.created(x, t, "rustydb"));
        assertFalse(committed().has("bob", t, Privilege.SELECT.bit()));
    }

    @Test
    void aRenameKeepsOwnerAndGrants() {
        db.run("create user alice");
        db.run("create user bob");
        inTransaction(x -> db.privileges.created(x, t, "alice"));
        inTransaction(x -> grantSelect(x, "bob"));
        inTransaction(x -> db.privileges.renamed(x, t, "u"));
        ObjectRef u = ObjectRef.relation("public", "u");
        assertTrue(committed().has("bob", u, Privilege.SELECT.bit()));
        assertEquals("alice", committed().owner(u));
        assertFalse(committed().has("bob", t, Privilege.SELECT.bit()));
    }

    @Test
    void privilegesComeThroughInheritingRolesOnly() {
        db.run("create role readers");
        db.run("create user alice in role readers");
        db.run("create user bob noinherit in role readers");
        inTransaction(x -> grantSelect(x, "readers"));
        assertTrue(committed().has("alice", t, Privilege.SELECT.bit()));
        assertFalse(committed().has("bob", t, Privilege.SELECT.bit()));
    }

    @Test
    void ownerChangeRewritesTheOldOwnersEntries() {
        db.run("create user alice");
        db.run("create user bob");
        inTransaction(x -> db.privileges.created(x, t, "alice"));
        inTransaction(x -> grantSelect(x, "bob"));
        inTransaction(x -> db.privileges.ownerChanged(x, t, "bob"));
        assertEquals("bob", committed().owner(t));
        assertEquals(List.of(new AclItem("bob", "bob", Privilege.ALL_TABLE | Privilege.SELECT.bit(), 0)),
                committed().acl(t));
    }

    @Test
    void dropRoleIsRefusedWhileTheRoleOwnsOrHolds() {
        db.run("create user alice");
        inTransaction(x -> db.privileges.created(x, ObjectRef.database("rustydb"), "alice"));
        org.rustydb.api.DbException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.rustydb.api.DbException.class, () -> db.run("drop role alice"));
        assertEquals("2BP01", e.sqlState());
        assertEquals("owner of database rustydb", e.detail());
        inTransaction(x -> db.privileges.ownerChanged(x, ObjectRef.database("rustydb"), "rustydb"));
        db.run("drop role alice");
    }

    @Test
    void aMoveToAnotherSchemaKeepsTheOwnerAndTheGrants() {
        db.run("create user alice");
        db.run("create user bob");
        inTransaction(x -> {
            db.privileges.created(x, t, "alice");
            grantSelect(x, "bob");
        });
        inTransaction(x -> db.privileges.moved(x, t, "elsewhere"));
        ObjectRef moved = ObjectRef.relation("elsewhere", "t");
        Privileges p = committed();
        assertEquals("alice", p.owner(moved));
        assertTrue(p.has("bob", moved, Privilege.SELECT.bit()));
        assertEquals("rustydb", p.owner(t));
        assertFalse(p.has("bob", t, Privilege.SELECT.bit()));
    }

    @Test
    void revokingAllOfARoleTakesItsGrantsAndThoseThatRestedOnThem() {
        db.run("create user alice");
        db.run("create user bob");
        inTransaction(x -> {
            PrivilegeView view = db.privileges.view(x);
            long owner = view.ownerOid(t);
            long alice = view.role("alice").oid();
            Acl acl = view.aclOf(t).grant(alice, owner, Privilege.SELECT.bit(), true)
                    .grant(view.role("bob").oid(), alice, Privilege.SELECT.bit(), false);
            new PrivilegeStore(db.store.storage()).put(x, new PrivilegeStore.Row(t, "", owner, acl));
            db.versions.changed(x);
        });
        assertTrue(committed().has("bob", t, Privilege.SELECT.bit()));
        inTransaction(x -> db.privileges.revokedAll(x, "alice"));
        Privileges p = committed();
        assertFalse(p.has("alice", t, Privilege.SELECT.bit()));
        assertFalse(p.has("bob", t, Privilege.SELECT.bit()));
        assertEquals(List.of("rustydb=arwdDxt/rustydb"), p.acl(t).stream().map(AclItem::text).toList());
    }
}
