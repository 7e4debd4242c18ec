package org.rustydb.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.spi.security.ObjectKind;
import org.rustydb.spi.security.Privilege;

class AclTest {
    private static final long OWNER = 10;
    private static final long U = 16384;
    private static final long V = 16385;
    private static final int SELECT = Privilege.SELECT.bit();
    private static final int UPDATE = Privilege.UPDATE.bit();

    @Test
    void defaultsFollowPostgres() {
        assertEquals(List.of(new Acl.Entry(OWNER, OWNER, Privilege.ALL_TABLE, 0)),
                Acl.defaults(ObjectKind.RELATION, OWNER).entries());
        assertEquals(Privilege.ALL_TABLE, Acl.defaults(ObjectKind.RELATION, OWNER).privileges(Set.of(OWNER)));
        assertEquals(0, Acl.defaults(ObjectKind.RELATION, OWNER).privileges(Set.of(U)));
        // PUBLIC may connect and create temporary tables, and use public but not create in it
        assertEquals(Privilege.bits(Privilege.CONNECT, Privilege.TEMPORARY),
                Acl.defaults(ObjectKind.DATABASE, OWNER).privileges(Set.of(U)));
        assertEquals(Privilege.USAGE.bit(), Acl.publicSchema().privileges(Set.of(U)));
    }

    @Test
    void grantMergesEntriesOfTheSameGrantorAndGrantee() {
        Acl acl = Acl.defaults(ObjectKind.RELATION, OWNER).grant(U, OWNER, SELECT, false).grant(U, OWNER, UPDATE, true);
        assertEquals(new Acl.Entry(U, OWNER, SELECT | UPDATE, UPDATE), acl.entries().get(1));
        assertEquals(2, acl.entries().size());
        assertEquals(SELECT, acl.privileges(Set.of(V)) | acl.grant(Acl.PUBLIC, OWNER, SELECT, false)
                .privileges(Set.of(V)));
    }

    @Test
    void grantingNothingAddsNoEntry() {
        Acl acl = Acl.defaults(ObjectKind.RELATION, OWNER);
        assertEquals(acl, acl.grant(U, OWNER, 0, true));
    }

    @Test
    void revokeRemovesEmptyEntriesAndKeepsOthers() {
        Acl acl = Acl.defaults(ObjectKind.RELATION, OWNER).grant(U, OWNER, SELECT | UPDATE, false);
        Acl after = acl.revoke(U, OWNER, UPDATE, false, false);
        assertEquals(SELECT, after.privileges(Set.of(U)));
        assertEquals(1, after.revoke(U, OWNER, SELECT, false, false).entries().size());
    }

    @Test
    void revokingAGrantOptionPassedOnNeedsCascade() {
        Acl acl = Acl.defaults(ObjectKind.RELATION, OWNER).grant(U, OWNER, SELECT, true).grant(V, U, SELECT, false);
        DbException e = assertThrows(DbException.class, () -> acl.revoke(U, OWNER, SELECT, false, false));
        assertEquals("2BP01", e.sqlState());
        assertEquals("dependent privileges exist", e.getMessage());
        Acl cascaded = acl.revoke(U, OWNER, SELECT, false, true);
        assertEquals(0, cascaded.privileges(Set.of(V)));
        assertEquals(0, cascaded.privileges(Set.of(U)));
        // only the option: U keeps SELECT, V loses what U gave
        Acl optionOnly = acl.revoke(U, OWNER, SELECT, true, true);
        assertEquals(SELECT, optionOnly.privileges(Set.of(U)));
        assertEquals(0, optionOnly.options(U));
        assertEquals(0, optionOnly.privileges(Set.of(V)));
    }

    @Test
    void newOwnerRewritesTheOldOwnersEntries() {
        Acl acl = Acl.defaults(ObjectKind.RELATION, OWNER).grant(U, OWNER, SELECT, false).newOwner(OWNER, V);
        assertEquals(List.of(new Acl.Entry(V, V, Privilege.ALL_TABLE, 0), new Acl.Entry(U, V, SELECT, 0)),
                acl.entries());
    }

    @Test
    void encodesAndDecodes() {
        Acl acl = Acl.publicSchema().grant(U, Acl.DATABASE_OWNER, Privilege.CREATE.bit(), true);
        assertEquals(acl, Acl.decode(acl.encode()));
        assertEquals(new Acl(List.of()), Acl.decode(""));
    }
}
