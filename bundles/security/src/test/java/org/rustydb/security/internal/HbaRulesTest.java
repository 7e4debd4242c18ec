package org.rustydb.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.function.BiPredicate;

import org.junit.jupiter.api.Test;
import org.rustydb.spi.security.AuthMethod;

class HbaRulesTest {
    private static final BiPredicate<String, String> NO_MEMBERS = (m, r) -> false;

    private static AuthMethod method(HbaRules rules, String user, String db, String address, boolean tls)
            throws Exception {
        return rules.match(user, db, InetAddress.getByName(address), tls, NO_MEMBERS).orElseThrow().method();
    }

    @Test
    void defaultsAllowScramFromLoopbackOnly() throws Exception {
        HbaRules rules = HbaRules.parse(HbaRules.DEFAULT_TEXT);
        assertEquals(AuthMethod.SCRAM_SHA_256, method(rules, "a", "rustydb", "127.0.0.1", false));
        assertEquals(AuthMethod.SCRAM_SHA_256, method(rules, "a", "rustydb", "::1", false));
        assertTrue(rules.match("a", "rustydb", InetAddress.getByName("10.0.0.1"), false, NO_MEMBERS).isEmpty());
        assertTrue(rules.match("a", "rustydb", InetAddress.getByName("127.0.0.2"), false, NO_MEMBERS).isEmpty());
    }

    @Test
    void firstMatchWinsWithListsMasksAndKeywords() throws Exception {
        HbaRules rules = HbaRules.parse("""
                # comment line
                host    all        bob          all               reject   # trailing comment
                hostssl all        all          0.0.0.0/0         scram-sha-256
                host    sameuser   all          10.1.0.0 255.255.0.0  md5
                host    db1,db2    carol,+admins 10.0.0.0/8       password
                host    all        all          10.0.0.0/8        trust
                local   all        all                            trust
                """);
        assertNull(method(rules, "bob", "x", "127.0.0.1", false));
        assertEquals(AuthMethod.SCRAM_SHA_256, method(rules, "eve", "x", "192.168.1.1", true));
        assertEquals(AuthMethod.MD5, method(rules, "eve", "eve", "10.1.2.3", false));
        assertEquals(AuthMethod.TRUST, method(rules, "eve", "other", "10.1.2.3", false));
        assertEquals(AuthMethod.PASSWORD, method(rules, "carol", "db2", "10.9.9.9", false));
        assertEquals(AuthMethod.TRUST, method(rules, "dave", "db2", "10.9.9.9", false));
        assertEquals(AuthMethod.PASSWORD, rules.match("dave", "db1", InetAddress.getByName("10.9.9.9"), false,
                (m, r) -> m.equals("dave") && r.equals("admins")).orElseThrow().method());
        // an IPv4 client seen through an IPv6 socket
        assertEquals(AuthMethod.TRUST, method(rules, "eve", "other", "::ffff:10.1.2.3", false));
        assertTrue(rules.match("eve", "x", InetAddress.getByName("192.168.1.1"), false, NO_MEMBERS).isEmpty());
    }

    @Test
    void badLinesAreRejectedWithTheirNumber() {
        assertEquals("line 2: invalid authentication method \"ident\"",
                assertThrows(HbaRules.InvalidRule.class, () -> HbaRules.parse("\nhost all all all ident\n"))
                        .getMessage());
        assertThrows(HbaRules.InvalidRule.class, () -> HbaRules.parse("hots all all all trust"));
        assertThrows(HbaRules.InvalidRule.class, () -> HbaRules.parse("host all all 10.0.0.0/33 trust"));
        assertThrows(HbaRules.InvalidRule.class, () -> HbaRules.parse("host all all example.com trust"));
        assertThrows(HbaRules.InvalidRule.class, () -> HbaRules.parse("host all all 10.0.0.0 255.0.255.0 trust"));
        assertThrows(HbaRules.InvalidRule.class, () -> HbaRules.parse("host all all"));
    }
}
