package org.rustydb.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.spi.security.AclItem;
import org.rustydb.spi.security.ObjectKind;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privilege;

/** What a new object gets from ALTER DEFAULT PRIVILEGES, and how the statement's abbreviated GRANT parses. */
class DefaultPrivilegesTest {
    private static final long ALICE = 20;
    private static final long BOB = 21;

    private static List<DefaultAclStore.Row> view(DefaultAclStore.Row... defaults) {
        return List.of(defaults);
    }

    private static List<String> texts(List<DefaultAclStore.Row> view, Acl acl) {
        return new PrivilegeView(List.of(Role.defaults(ALICE, "alice", true), Role.defaults(BOB, "bob", true)),
                List.of(), List.of(new PrivilegeStore.Row(ObjectRef.relation("s", "x"), "", ALICE, acl)), List.of())
                .acl(ObjectRef.relation("s", "x")).stream().map(AclItem::text).toList();
    }

    @Test
    void withoutEntriesANewObjectKeepsTheBuiltInList() {
        assertNull(DefaultPrivileges.forNew(view(), ALICE, ObjectRef.relation("s", "t")));
    }

    @Test
    void theEntryForAllSchemasReplacesTheBuiltInListAndASchemasEntryAddsToIt() {
        Acl all = Acl.defaults(ObjectKind.RELATION, ALICE).grant(BOB, ALICE, Privilege.SELECT.bit(), false);
        Acl inS = new Acl(List.of()).grant(BOB, ALICE, Privilege.INSERT.bit(), true);
        List<DefaultAclStore.Row> view = view(new DefaultAclStore.Row(ALICE, "", ObjectKind.RELATION, all),
                new DefaultAclStore.Row(ALICE, "s", ObjectKind.RELATION, inS));
        assertEquals(List.of("alice=arwdDxt/alice", "bob=a*r/alice"),
                texts(view, DefaultPrivileges.forNew(view, ALICE, ObjectRef.relation("s", "t"))));
        assertEquals(List.of("alice=arwdDxt/alice", "bob=r/alice"),
                texts(view, DefaultPrivileges.forNew(view, ALICE, ObjectRef.relation("other", "t"))));
        // another owner, or another kind, is untouched
        assertNull(DefaultPrivileges.forNew(view, BOB, ObjectRef.relation("s", "t")));
        assertNull(DefaultPrivileges.forNew(view, ALICE, ObjectRef.sequence("s", "q")));
    }

    @Test
    void aListThatComesOutAsTheBuiltInOneIsLeftNull() {
        Acl inS = new Acl(List.of()).grant(ALICE, ALICE, Privilege.SELECT.bit(), false);
        List<DefaultAclStore.Row> view = view(new DefaultAclStore.Row(ALICE, "s", ObjectKind.RELATION, inS));
        assertNull(DefaultPrivileges.forNew(view, ALICE, ObjectRef.relation("s", "t")));
    }

    @Test
    void parsesTheAbbreviatedGrant() {
        RoleTokens t = RoleTokens.of("revoke grant option for execute on routines from public cascade");
        GrantStatement g = GrantStatement.parse(t, true);
        assertEquals(GrantStatement.TargetKind.NEW_FUNCTIONS, g.target().kind());
        assertEquals(true, g.grantOptionFor());
        assertEquals(true, g.cascade());
        assertEquals(GrantStatement.TargetKind.NEW_SCHEMAS,
                GrantStatement.parse(RoleTokens.of("grant usage on schemas to u"), true).target().kind());
        // ON TABLES outside ALTER DEFAULT PRIVILEGES names a table called tables
        assertEquals(GrantStatement.TargetKind.TABLE, GrantStatement.parse("grant select on tables to u").target().kind());
    }
}
