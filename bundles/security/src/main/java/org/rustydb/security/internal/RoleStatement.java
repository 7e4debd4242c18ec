package org.rustydb.security.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * The role statements, parsed: CREATE/ALTER/DROP ROLE and USER, ALTER ROLE ... RENAME TO,
 * GRANT role TO role and REVOKE role FROM role, with PostgreSQL's grammar and errors.
 */
sealed interface RoleStatement {

    /** The attributes a CREATE or ALTER names; null fields were not given. */
    record Options(Boolean superuser, Boolean inherit, Boolean createRole, Boolean createDb, Boolean login,
                   Integer connectionLimit, boolean passwordGiven, String password, boolean validUntilGiven,
                   Instant validUntil, List<String> inRoles, List<String> members, List<String> admins,
                   boolean sysid) {
    }

    record Create(String name, boolean user, Options options) implements RoleStatement {
    }

    record Alter(String name, Options options) implements RoleStatement {
    }

    record Rename(String name, String newName) implements RoleStatement {
    }

    record Drop(boolean ifExists, List<String> names) implements RoleStatement {
    }

    record Grant(List<String> roles, List<String> grantees, boolean adminOption) implements RoleStatement {
    }

    record Revoke(List<String> roles, List<String> grantees, boolean adminOptionOnly) implements RoleStatement {
    }

    /** Parses one statement, which starts with CREATE, ALTER, DROP, GRANT or REVOKE. */
    static RoleStatement parse(String sql) {
        RoleTokens t = RoleTokens.of(sql);
        String verb = t.take().value();
        RoleStatement statement = switch (verb) {
            case "create" -> {
                boolean user = objectKind(t);
                String name = t.name();
                yield new Create(name, user, options(t, true));
            }
            case "alter" -> {
                objectKind(t);
                String name = roleSpec(t);
                if (t.accept("rename")) {
                    t.expect("to");
                    yield new Rename(name, t.name());
                }
                if (t.peek().isWord("set") || t.peek().isWord("reset") || t.peek().isWord("in")) {
                    throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "ALTER ROLE ... SET and RESET are not supported yet");
                }
                yield new Alter(name, options(t, false));
            }
            case "drop" -> {
                objectKind(t);
                boolean ifExists = false;
                if (t.accept("if")) {
                    t.expect("exists");
                    ifExists = true;
                }
                yield new Drop(ifExists, t.names());
            }
            case "grant" -> {
                List<String> roles = t.names();
                if (!t.accept("to")) {
                    throw privilegesNotSupported();
                }
                List<String> grantees = roleSpecs(t);
                boolean admin = false;
                if (t.accept("with")) {
                    t.expect("admin");
                    t.expect("option");
                    admin = true;
                }
                grantedBy(t);
                yield new Grant(roles, grantees, admin);
            }
            case "revoke" -> {
                boolean adminOnly = false;
                if (t.peek().isWord("admin")) {
                    t.take();
                    t.expect("option");
                    t.expect("for");
                    adminOnly = true;
                }
                List<String> roles = t.names();
                if (!t.accept("from")) {
                    throw privilegesNotSupported();
                }
                List<String> grantees = roleSpecs(t);
                grantedBy(t);
                if (!t.accept("cascade")) {
                    t.accept("restrict");
                }
                yield new Revoke(roles, grantees, adminOnly);
            }
            default -> throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"%s\"", verb);
        };
        t.expectEnd();
        return statement;
    }

    private static DbException privilegesNotSupported() {
        return DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "GRANT and REVOKE of privileges are not supported yet");
    }

    /** ROLE or USER after the verb; true for USER. */
    private static boolean objectKind(RoleTokens t) {
        if (t.accept("user")) {
            return true;
        }
        t.expect("role");
        return false;
    }

    /** A role name, or CURRENT_USER / SESSION_USER / CURRENT_ROLE (kept as the keyword, resolved later). */
    private static String roleSpec(RoleTokens t) {
        RoleTokens.Token next = t.peek();
        if (next.kind() == RoleTokens.Kind.WORD && Set.of("current_user", "session_user", "current_role")
                .contains(next.value())) {
            t.take();
            return "\u0000" + next.value();
        }
        return t.name();
    }

    private static List<String> roleSpecs(RoleTokens t) {
        List<String> names = new ArrayList<>();
        do {
            names.add(roleSpec(t));
        } while (t.acceptSymbol(","));
        return names;
    }

    private static void grantedBy(RoleTokens t) {
        if (t.accept("granted")) {
            t.expect("by");
            roleSpec(t);
        }
    }

    private static Options options(RoleTokens t, boolean create) {
        Boolean superuser = null;
        Boolean inherit = null;
        Boolean createRole = null;
        Boolean createDb = null;
        Boolean login = null;
        Integer limit = null;
        boolean passwordGiven = false;
        String password = null;
        boolean validGiven = false;
        Instant valid = null;
        List<String> inRoles = new ArrayList<>();
        List<String> members = new ArrayList<>();
        List<String> admins = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean sysid = false;
        t.accept("with");
        while (!t.atEnd()) {
            RoleTokens.Token token = t.peek();
            if (token.kind() != RoleTokens.Kind.WORD) {
                throw t.syntaxError();
            }
            String word = token.value();
            String option = switch (word) {
                case "superuser", "nosuperuser" -> "superuser";
                case "inherit", "noinherit" -> "inherit";
                case "createrole", "nocreaterole" -> "createrole";
                case "createdb", "nocreatedb" -> "createdb";
                case "login", "nologin" -> "login";
                case "replication", "noreplication" -> "replication";
                case "bypassrls", "nobypassrls" -> "bypassrls";
                case "connection" -> "connection";
                case "password", "encrypted" -> "password";
                case "valid" -> "valid";
                case "in" -> create ? "in" : null;
                case "role", "user" -> create ? "role" : null;
                case "admin" -> create ? "admin" : null;
                case "sysid" -> create ? "sysid" : null;
                default -> null;
            };
            if (option == null) {
                throw t.syntaxError();
            }
            if (!seen.add(option)) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
            }
            t.take();
            boolean on = !word.startsWith("no");
            switch (option) {
                case "superuser" -> superuser = on;
                case "inherit" -> inherit = on;
                case "createrole" -> createRole = on;
                case "createdb" -> createDb = on;
                case "login" -> login = on;
                case "replication", "bypassrls" -> {
                    if (on) {
                        throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "%s is not supported",
                                word.toUpperCase(Locale.ROOT));
                    }
                }
                case "connection" -> {
                    t.expect("limit");
                    limit = t.integer();
                    if (limit < -1) {
                        throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: %d", limit);
                    }
                }
                case "password" -> {
                    if (word.equals("encrypted")) {
                        t.expect("password");
                    }
                    passwordGiven = true;
                    password = t.accept("null") ? null : t.string();
                }
                case "valid" -> {
                    t.expect("until");
                    validGiven = true;
                    valid = timestamp(t.string());
                }
                case "in" -> {
                    if (!t.accept("group")) {
                        t.expect("role");
                    }
                    inRoles = t.names();
                }
                case "role" -> members = t.names();
                case "admin" -> admins = t.names();
                default -> { // SYSID: accepted and ignored with a notice, as PostgreSQL
                    t.integer();
                    sysid = true;
                }
            }
        }
        return new Options(superuser, inherit, createRole, createDb, login, limit, passwordGiven, password,
                validGiven, valid, inRoles, members, admins, sysid);
    }

    DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    /**
     * VALID UNTIL's timestamp: an ISO date with an optional time and UTC offset (UTC when none),
     * or infinity (no limit, kept as null).
     */
    static Instant timestamp(String text) {
        String s = text.trim();
        if (s.equalsIgnoreCase("infinity") || s.equalsIgnoreCase("+infinity")) {
            return null;
        }
        try {
            var parsed = TIMESTAMP.parseBest(s, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            if (parsed instanceof OffsetDateTime o) {
                return o.toInstant();
            }
            if (parsed instanceof LocalDateTime l) {
                return l.toInstant(ZoneOffset.UTC);
            }
            return ((LocalDate) parsed).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw DbException.of(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type timestamp with time zone: \"%s\"", text);
        }
    }
}
