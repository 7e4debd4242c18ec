package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * GRANT and REVOKE of privileges on objects, parsed with PostgreSQL's grammar:
 * {@code GRANT privileges ON target TO grantees [WITH GRANT OPTION] [GRANTED BY role]} and
 * {@code REVOKE [GRANT OPTION FOR] privileges ON target FROM grantees [GRANTED BY role] [CASCADE | RESTRICT]}.
 *
 * @param privileges the privileges named, each with its columns; null for ALL [PRIVILEGES]
 * @param allColumns the columns of {@code ALL (a, b)}, or null
 * @param grantees   role names, with null standing for PUBLIC
 */
record GrantStatement(boolean grant, boolean grantOptionFor, List<Named> privileges, List<String> allColumns,
                      Target target, List<String> grantees, boolean withGrantOption, String grantedBy,
                      boolean cascade) {

    /** A privilege as written (lower case), with its column list or null. */
    record Named(String name, List<String> columns) {
    }

    enum TargetKind { TABLE, SEQUENCE, SCHEMA, FUNCTION, DATABASE, ALL_TABLES, ALL_SEQUENCES, ALL_FUNCTIONS,
        /** ALTER DEFAULT PRIVILEGES' ON TABLES, SEQUENCES, FUNCTIONS (or ROUTINES), TYPES and SCHEMAS. */
        NEW_TABLES, NEW_SEQUENCES, NEW_FUNCTIONS, NEW_TYPES, NEW_SCHEMAS }

    /** A name as written: schema null when unqualified. */
    record Name(String schema, String name) {
        String shown() {
            return schema == null ? name : schema + "." + name;
        }
    }

    /** What ON names; for the ALL ... IN SCHEMA forms the names are schemas. */
    record Target(TargetKind kind, boolean tableKeyword, List<Name> names) {
    }

    /** Whether a GRANT or REVOKE statement is about privileges on objects (it has ON) rather than roles. */
    static boolean isObjectGrant(String sql) {
        RoleTokens t = RoleTokens.of(sql);
        int depth = 0;
        while (!t.atEnd()) {
            RoleTokens.Token token = t.take();
            if (token.kind() == RoleTokens.Kind.SYMBOL) {
                depth += token.value().equals("(") ? 1 : token.value().equals(")") ? -1 : 0;
            } else if (depth == 0 && (token.isWord("to") || token.isWord("from"))) {
                return false;
            } else if (depth == 0 && token.isWord("on")) {
                return true;
            }
        }
        return false;
    }

    static GrantStatement parse(String sql) {
        return parse(RoleTokens.of(sql), false);
    }

    /**
     * Parses from the GRANT or REVOKE keyword; {@code defaults} reads ALTER DEFAULT PRIVILEGES'
     * abbreviated form: ON a plural kind, and no GRANTED BY.
     */
    static GrantStatement parse(RoleTokens t, boolean defaults) {
        if (!t.peek().isWord("grant") && !t.peek().isWord("revoke")) {
            throw t.syntaxError();
        }
        boolean grant = t.take().isWord("grant");
        boolean optionFor = false;
        if (!grant && t.peek().isWord("grant")) {
            t.take();
            t.expect("option");
            t.expect("for");
            optionFor = true;
        }
        List<Named> privileges = null;
        List<String> allColumns = null;
        if (t.accept("all")) {
            t.accept("privileges");
            if (t.acceptSymbol("(")) {
                allColumns = columns(t);
            }
        } else {
            privileges = new ArrayList<>();
            do {
                String name = t.name();
                privileges.add(new Named(name, t.acceptSymbol("(") ? columns(t) : null));
            } while (t.acceptSymbol(","));
        }
        t.expect("on");
        Target target = defaults ? newObjects(t) : target(t);
        if (!t.accept(grant ? "to" : "from")) {
            throw t.syntaxError();
        }
        List<String> grantees = new ArrayList<>();
        do {
            t.accept("group");
            if (t.peek().isWord("public")) {
                t.take();
                grantees.add(null);
            } else {
                grantees.add(roleSpec(t));
            }
        } while (t.acceptSymbol(","));
        boolean withOption = false;
        if (grant && t.accept("with")) {
            t.expect("grant");
            t.expect("option");
            withOption = true;
        }
        String grantedBy = null;
        if (!defaults && t.accept("granted")) {
            t.expect("by");
            grantedBy = roleSpec(t);
        }
        boolean cascade = false;
        if (!grant) {
            cascade = t.accept("cascade");
            if (!cascade) {
                t.accept("restrict");
            }
        }
        t.expectEnd();
        return new GrantStatement(grant, optionFor, privileges, allColumns, target, grantees, withOption, grantedBy,
                cascade);
    }

    private static List<String> columns(RoleTokens t) {
        List<String> columns = new ArrayList<>();
        do {
            columns.add(t.name());
        } while (t.acceptSymbol(","));
        if (!t.acceptSymbol(")")) {
            throw t.syntaxError();
        }
        return columns;
    }

    /** A role name, or CURRENT_USER / SESSION_USER / CURRENT_ROLE kept as NUL and the keyword ({@link #resolve}). */
    static String roleSpec(RoleTokens t) {
        RoleTokens.Token next = t.peek();
        if (next.isWord("current_user") || next.isWord("session_user") || next.isWord("current_role")) {
            t.take();
            return "\u0000" + next.value();
        }
        return t.name();
    }

    /** The role a spec names: SESSION_USER the session user, CURRENT_USER and CURRENT_ROLE the current one. */
    static String resolve(String spec, String currentUser, String sessionUser) {
        if (!spec.startsWith("\u0000")) {
            return spec;
        }
        return spec.equals("\u0000session_user") ? sessionUser : currentUser;
    }

    private static Target target(RoleTokens t) {
        if (t.accept("all")) {
            TargetKind kind;
            if (t.accept("tables")) {
                kind = TargetKind.ALL_TABLES;
            } else if (t.accept("sequences")) {
                kind = TargetKind.ALL_SEQUENCES;
            } else if (t.accept("functions")) {
                kind = TargetKind.ALL_FUNCTIONS;
            } else {
                throw t.syntaxError();
            }
            t.expect("in");
            t.expect("schema");
            return new Target(kind, false, simpleNames(t));
        }
        RoleTokens.Token word = t.peek();
        if (word.kind() == RoleTokens.Kind.WORD) {
            switch (word.value()) {
                case "table" -> {
                    t.take();
                    return new Target(TargetKind.TABLE, true, qualifiedNames(t, false));
                }
                case "sequence" -> {
                    t.take();
                    return new Target(TargetKind.SEQUENCE, false, qualifiedNames(t, false));
                }
                case "schema" -> {
                    t.take();
                    return new Target(TargetKind.SCHEMA, false, simpleNames(t));
                }
                case "database" -> {
                    t.take();
                    return new Target(TargetKind.DATABASE, false, simpleNames(t));
                }
                case "function", "procedure", "routine" -> {
                    t.take();
                    return new Target(TargetKind.FUNCTION, false, qualifiedNames(t, true));
                }
                case "domain", "type", "language", "large", "foreign", "tablespace", "parameter" -> throw
                        DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "GRANT and REVOKE on %s are not supported",
                                word.value().equals("large") ? "large objects" : word.value() + "s");
                default -> {
                }
            }
        }
        return new Target(TargetKind.TABLE, false, qualifiedNames(t, false));
    }

    private static Target newObjects(RoleTokens t) {
        TargetKind kind;
        if (t.accept("tables")) {
            kind = TargetKind.NEW_TABLES;
        } else if (t.accept("sequences")) {
            kind = TargetKind.NEW_SEQUENCES;
        } else if (t.accept("functions") || t.accept("routines")) {
            kind = TargetKind.NEW_FUNCTIONS;
        } else if (t.accept("types")) {
            kind = TargetKind.NEW_TYPES;
        } else if (t.accept("schemas")) {
            kind = TargetKind.NEW_SCHEMAS;
        } else {
            throw t.syntaxError();
        }
        return new Target(kind, false, List.of());
    }

    private static List<Name> simpleNames(RoleTokens t) {
        List<Name> names = new ArrayList<>();
        do {
            names.add(new Name(null, t.name()));
        } while (t.acceptSymbol(","));
        return names;
    }

    /** Names with an optional schema; a function's argument types are read and not kept (no overloading by type). */
    private static List<Name> qualifiedNames(RoleTokens t, boolean function) {
        List<Name> names = new ArrayList<>();
        do {
            String first = t.name();
            Name name = t.acceptSymbol(".") ? new Name(first, t.name()) : new Name(null, first);
            names.add(name);
            if (function && t.acceptSymbol("(")) {
                int depth = 1;
                while (depth > 0) {
                    if (t.atEnd()) {
                        throw t.syntaxError();
                    }
                    RoleTokens.Token token = t.take();
                    if (token.kind() == RoleTokens.Kind.SYMBOL) {
                        depth += token.value().equals("(") ? 1 : token.value().equals(")") ? -1 : 0;
                    }
                }
            }
        } while (t.acceptSymbol(","));
        return names;
    }
}
