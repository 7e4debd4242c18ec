package org.rustydb.security.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.function.BiPredicate;

import org.rustydb.spi.security.AuthMethod;

/**
 * One line of the host rules file, as pg_hba.conf's: connection type, databases, users, client
 * address range and method. {@code method} null means reject.
 *
 * @param type      host, hostssl, hostnossl or local
 * @param databases names, or the keywords all, sameuser, samerole
 * @param users     names, +role for members of a role, or all
 * @param network   the address range's first address, null for any
 * @param prefix    the range's prefix length
 * @param method    how matching clients authenticate; null for reject
 * @param line      its line number, for messages
 */
public record HbaRule(String type, List<String> databases, List<String> users, InetAddress network, int prefix,
                      AuthMethod method, int line) {

    public HbaRule {
        databases = List.copyOf(databases);
        users = List.copyOf(users);
    }

    /**
     * Whether this rule applies to a TCP connection.
     *
     * @param isMember whether a role (first) is a member of another (second), directly or not
     */
    public boolean matches(String user, String database, InetAddress client, boolean tls,
                           BiPredicate<String, String> isMember) {
        boolean typeMatches = switch (type) {
            case "host" -> true;
            case "hostssl" -> tls;
            case "hostnossl" -> !tls;
            default -> false; // local: Unix-domain sockets, which this server does not listen on
        };
        return typeMatches && databaseMatches(user, database, isMember) && userMatches(user, isMember)
                && addressMatches(client);
    }

    private boolean databaseMatches(String user, String database, BiPredicate<String, String> isMember) {
        for (String d : databases) {
            if (d.equals("all") || d.equals(database) || (d.equals("sameuser") && database.equals(user))
                    || (d.equals("samerole") && isMember.test(user, database))) {
                return true;
            }
        }
        return false;
    }

    private boolean userMatches(String user, BiPredicate<String, String> isMember) {
        for (String u : users) {
            if (u.equals("all") || u.equals(user) || (u.startsWith("+") && isMember.test(user, u.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    private boolean addressMatches(InetAddress client) {
        if (network == null) {
            return true;
        }
        byte[] a = client.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            // an IPv4 client on an IPv6 socket arrives as ::ffff:a.b.c.d
            if (a.length == 16 && n.length == 4 && isMappedV4(a)) {
                a = java.util.Arrays.copyOfRange(a, 12, 16);
            } else {
                return false;
            }
        }
        int bits = prefix;
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((a[i] & mask) != (n[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMappedV4(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    static int maxPrefix(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }
}
