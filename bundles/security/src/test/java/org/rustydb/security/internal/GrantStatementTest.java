package org.rustydb.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

class GrantStatementTest {

    @Test
    void objectGrantsAreToldFromRoleGrants() {
        assertTrue(GrantStatement.isObjectGrant("GRANT SELECT ON t TO u"));
        assertTrue(GrantStatement.isObjectGrant("revoke all on schema s from u"));
        assertFalse(GrantStatement.isObjectGrant("GRANT admins TO u"));
        assertFalse(GrantStatement.isObjectGrant("REVOKE admin option for admins FROM u"));
    }

    @Test
    void parsesPrivilegesColumnsTargetsAndOptions() {
        GrantStatement g = GrantStatement.parse(
                "GRANT SELECT (a, \"B\"), update ON TABLE s.t, t2 TO u, PUBLIC WITH GRANT OPTION GRANTED BY CURRENT_USER");
        assertTrue(g.grant());
        assertEquals(List.of(new GrantStatement.Named("select", List.of("a", "B")),
                new GrantStatement.Named("update", null)), g.privileges());
        assertEquals(GrantStatement.TargetKind.TABLE, g.target().kind());
        assertEquals(List.of(new GrantStatement.Name("s", "t"), new GrantStatement.Name(null, "t2")),
                g.target().names());
        assertEquals(Arrays.asList("u", null), g.grantees());
        assertTrue(g.withGrantOption());
        assertEquals("\u0000current_user", g.grantedBy());
        assertEquals("ann", GrantStatement.resolve(g.grantedBy(), "ann", "bob"));
        assertEquals("bob", GrantStatement.resolve("\u0000session_user", "ann", "bob"));
        assertEquals("carol", GrantStatement.resolve("carol", "ann", "bob"));
    }

    @Test
    void parsesRevokeForms() {
        GrantStatement r = GrantStatement.parse("revoke grant option for all privileges on all tables in schema s from u cascade");
        assertFalse(r.grant());
        assertTrue(r.grantOptionFor());
        assertNull(r.privileges());
        assertEquals(GrantStatement.TargetKind.ALL_TABLES, r.target().kind());
        assertTrue(r.cascade());
        assertEquals(GrantStatement.TargetKind.FUNCTION,
                GrantStatement.parse("grant execute on function lower(text) to u").target().kind());
        assertEquals(GrantStatement.TargetKind.DATABASE,
                GrantStatement.parse("grant connect, temp on database d to u").target().kind());
    }

    @Test
    void syntaxErrorsAndUnsupportedObjects() {
        DbException e = assertThrows(DbException.class, () -> GrantStatement.parse("grant select on t u"));
        assertEquals("42601", e.sqlState());
        assertEquals("syntax error at or near \"u\"", e.getMessage());
        assertEquals("0A000", assertThrows(DbException.class,
                () -> GrantStatement.parse("grant usage on domain d to u")).sqlState());
        assertEquals("42601", assertThrows(DbException.class,
                () -> GrantStatement.parse("grant select on t to u with grant")).sqlState());
    }
}
