package org.rustydb.security.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;

import org.rustydb.spi.security.AuthMethod;

/**
 * The host rules, parsed from pg_hba.conf's format: one rule a line,
 * {@code host|hostssl|hostnossl|local  database  user  [address [mask]]  method}; {@code #} starts a
 * comment, lists are comma-separated, the first matching rule decides. Addresses are IP literals
 * with a CIDR prefix (or followed by a mask), or {@code all}; host names are not supported.
 */
public final class HbaRules {
    /** What a fresh installation uses: password (SCRAM) logins from this machine only. */
    public static final String DEFAULT_TEXT = """
            # TYPE  DATABASE  USER  ADDRESS        METHOD
            host    all       all   127.0.0.1/32   scram-sha-256
            host    all       all   ::1/128        scram-sha-256
            """;

    /** A line that cannot be read; the message says which and why. */
    public static final class InvalidRule extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidRule(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    private final List<HbaRule> rules;

    private HbaRules(List<HbaRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<HbaRule> rules() {
        return rules;
    }

    /** The first rule matching a TCP connection, if any. */
    public Optional<HbaRule> match(String user, String database, InetAddress client, boolean tls,
                                   BiPredicate<String, String> isMember) {
        for (HbaRule rule : rules) {
            if (rule.matches(user, database, client, tls, isMember)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** @throws InvalidRule for the first line that cannot be read (PostgreSQL then loads none) */
    public static HbaRules parse(String text) {
        List<HbaRule> rules = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 1 && fields[0].isEmpty()) {
                continue;
            }
            rules.add(parseLine(fields, i + 1));
        }
        return new HbaRules(rules);
    }

    private static HbaRule parseLine(String[] fields, int line) {
        String type = fields[0].toLowerCase(Locale.ROOT);
        if (!List.of("host", "hostssl", "hostnossl", "local").contains(type)) {
            throw new InvalidRule(line, "invalid connection type \"" + fields[0] + "\"");
        }
        int next = 1;
        if (fields.length < next + 3) {
            throw new InvalidRule(line, "end-of-line before " + (fields.length < 3 ? "role" : "authentication method")
                    + " specification");
        }
        List<String> databases = List.of(fields[next++].split(","));
        List<String> users = List.of(fields[next++].split(","));
        InetAddress network = null;
        int prefix = 0;
        if (!type.equals("local")) {
            String address = fields[next++];
            if (!address.equals("all")) {
                int slash = address.indexOf('/');
                network = literal(slash < 0 ? address : address.substring(0, slash), line);
                if (slash >= 0) {
                    prefix = prefixLength(address.substring(slash + 1), network, line);
                } else {
                    if (next >= fields.length) {
                        throw new InvalidRule(line, "specifying both host name and CIDR mask is invalid: \""
                                + address + "\"");
                    }
                    prefix = maskLength(literal(fields[next++], line), network, line);
                }
            }
        }
        if (next >= fields.length) {
            throw new InvalidRule(line, "end-of-line before authentication method");
        }
        String methodName = fields[next++].toLowerCase(Locale.ROOT);
        AuthMethod method = switch (methodName) {
            case "trust" -> AuthMethod.TRUST;
            case "reject" -> null;
            case "password" -> AuthMethod.PASSWORD;
            case "md5" -> AuthMethod.MD5;
            case "scram-sha-256" -> AuthMethod.SCRAM_SHA_256;
            default -> throw new InvalidRule(line, "invalid authentication method \"" + fields[next - 1] + "\"");
        };
        if (next < fields.length) {
            throw new InvalidRule(line, "authentication option \"" + fields[next] + "\" is not supported");
        }
        return new HbaRule(type, databases, users, network, prefix, method, line);
    }

    private static InetAddress literal(String text, int line) {
        // only IP literals: InetAddress would otherwise resolve a host name through DNS
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new InvalidRule(line, "invalid IP address \"" + text + "\" (host names are not supported)");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new InvalidRule(line, "invalid IP address \"" + text + "\"");
        }
    }

    private static int prefixLength(String text, InetAddress network, int line) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= HbaRule.maxPrefix(network)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRule(line, "invalid CIDR mask in address \"" + network.getHostAddress() + "/" + text + "\"");
    }

    private static int maskLength(InetAddress mask, InetAddress network, int line) {
        byte[] bytes = mask.getAddress();
        if (bytes.length != network.getAddress().length) {
            throw new InvalidRule(line, "IP address and mask do not match");
        }
        int length = 0;
        boolean ended = false;
        for (byte b : bytes) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean set = ((b >> bit) & 1) == 1;
                if (set && ended) {
                    throw new InvalidRule(line, "invalid IP mask \"" + mask.getHostAddress() + "\"");
                }
                if (set) {
                    length++;
                } else {
                    ended = true;
                }
            }
        }
        return length;
    }
}
