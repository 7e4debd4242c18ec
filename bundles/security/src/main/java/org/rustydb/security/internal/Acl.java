package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.security.ObjectKind;
import org.rustydb.spi.security.Privilege;

/**
 * An access control list as PostgreSQL's aclitem[], by role oid (so renaming a role keeps it):
 * the algebra of GRANT and REVOKE (aclupdate, recursive revoke of dependent grants), the defaults
 * of each kind of object (acldefault) and the owner change rewrite (aclnewowner). Immutable.
 */
public record Acl(List<Entry> entries) {
    /** PUBLIC's grantee id, as PostgreSQL's ACL_ID_PUBLIC. */
    public static final long PUBLIC = 0;
    /** The predefined role that owns {@code public}, whose one member is the database owner. */
    public static final long DATABASE_OWNER = 6171;

    /** Privileges {@code grantor} gave {@code grantee}; {@code options} is the subset held with grant option. */
    public record Entry(long grantee, long grantor, int privileges, int options) {
    }

    public Acl {
        entries = List.copyOf(entries);
    }

    /** PostgreSQL's default list of an object of that kind owned by {@code owner}. */
    public static Acl defaults(ObjectKind kind, long owner) {
        return switch (kind) {
            case RELATION -> new Acl(List.of(new Entry(owner, owner, Privilege.ALL_TABLE, 0)));
            case SEQUENCE -> new Acl(List.of(new Entry(owner, owner, Privilege.ALL_SEQUENCE, 0)));
            case SCHEMA -> new Acl(List.of(new Entry(owner, owner, Privilege.ALL_SCHEMA, 0)));
            case FUNCTION -> new Acl(List.of(new Entry(PUBLIC, owner, Privilege.ALL_FUNCTION, 0),
                    new Entry(owner, owner, Privilege.ALL_FUNCTION, 0)));
            case DATABASE -> new Acl(List.of(
                    new Entry(PUBLIC, owner, Privilege.bits(Privilege.TEMPORARY, Privilege.CONNECT), 0),
                    new Entry(owner, owner, Privilege.ALL_DATABASE, 0)));
        };
    }

    /** PostgreSQL 15's list of the {@code public} schema: CREATE for its owner only, USAGE for all. */
    public static Acl publicSchema() {
        return new Acl(List.of(new Entry(DATABASE_OWNER, DATABASE_OWNER, Privilege.ALL_SCHEMA, 0),
                new Entry(PUBLIC, DATABASE_OWNER, Privilege.USAGE.bit(), 0)));
    }

    /** The privileges held by any of {@code roles} (PUBLIC's always count). */
    public int privileges(Set<Long> roles) {
        int bits = 0;
        for (Entry e : entries) {
            if (e.grantee == PUBLIC || roles.contains(e.grantee)) {
                bits |= e.privileges;
            }
        }
        return bits;
    }

    /** The grant options held by one role itself (not through others). */
    public int options(long role) {
        int bits = 0;
        for (Entry e : entries) {
            if (e.grantee == role) {
                bits |= e.options;
            }
        }
        return bits;
    }

    /** Adds privileges (with their grant option when {@code withOption}) from a grantor. */
    public Acl grant(long grantee, long grantor, int privileges, boolean withOption) {
        if (privileges == 0) {
            return this;
        }
        List<Entry> list = new ArrayList<>(entries);
        int options = withOption ? privileges : 0;
        for (int i = 0; i < list.size(); i++) {
            Entry e = list.get(i);
            if (e.grantee == grantee && e.grantor == grantor) {
                list.set(i, new Entry(grantee, grantor, e.privileges | privileges, e.options | options));
                return new Acl(list);
            }
        }
        list.add(new Entry(grantee, grantor, privileges, options));
        return new Acl(list);
    }

    /**
     * Takes privileges (or only their grant option) a grantor gave; grants the grantee passed on
     * with an option it loses go too with {@code cascade}, else 2BP01 as PostgreSQL.
     */
    public Acl revoke(long grantee, long grantor, int privileges, boolean optionOnly, boolean cascade) {
        List<Entry> list = new ArrayList<>(entries);
        revokeInto(list, grantee, grantor, privileges, optionOnly, cascade, 0);
        return new Acl(list);
    }

    private static void revokeInto(List<Entry> list, long grantee, long grantor, int privileges, boolean optionOnly,
                                   boolean cascade, int depth) {
        int lostOptions = 0;
        for (int i = 0; i < list.size(); i++) {
            Entry e = list.get(i);
            if (e.grantee != grantee || e.grantor != grantor) {
                continue;
            }
            int options = e.options & ~privileges;
            int privs = optionOnly ? e.privileges : e.privileges & ~privileges;
            lostOptions = e.options & ~options;
            if (privs == 0) {
                list.remove(i);
            } else {
                list.set(i, new Entry(grantee, grantor, privs, options & privs));
            }
            break;
        }
        if (lostOptions == 0 || grantee == PUBLIC) {
            return;
        }
        // the grantee may still hold the option from another grantor; then its grants stand
        int remaining = 0;
        for (Entry e : list) {
            if (e.grantee == grantee) {
                remaining |= e.options;
            }
        }
        int gone = lostOptions & ~remaining;
        if (gone == 0) {
            return;
        }
        List<Entry> dependent = list.stream().filter(e -> e.grantor == grantee && (e.privileges & gone) != 0).toList();
        if (dependent.isEmpty()) {
            return;
        }
        if (!cascade) {
            throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "dependent privileges exist")
                    .withHint("Use CASCADE to revoke them too.");
        }
        if (depth > 100) {
            return;
        }
        for (Entry e : dependent) {
            revokeInto(list, e.grantee, grantee, gone, false, true, depth + 1);
        }
    }

    /** The list after a change of owner: the old owner's entries become the new owner's (aclnewowner). */
    public Acl newOwner(long oldOwner, long newOwner) {
        List<Entry> list = new ArrayList<>();
        for (Entry e : entries) {
            Entry moved = new Entry(e.grantee == oldOwner ? newOwner : e.grantee,
                    e.grantor == oldOwner ? newOwner : e.grantor, e.privileges, e.options);
            boolean merged = false;
            for (int i = 0; i < list.size(); i++) {
                Entry x = list.get(i);
                if (x.grantee == moved.grantee && x.grantor == moved.grantor) {
                    list.set(i, new Entry(x.grantee, x.grantor, x.privileges | moved.privileges,
                            x.options | moved.options));
                    merged = true;
                }
            }
            if (!merged) {
                list.add(moved);
            }
        }
        return new Acl(list);
    }

    /** Whether a role appears in the list, as grantee or grantor. */
    public boolean mentions(long role) {
        return entries.stream().anyMatch(e -> e.grantee == role || e.grantor == role);
    }

    /** The list without a role's entries (as grantee or grantor): DROP OWNED. */
    public Acl without(long role) {
        return new Acl(entries.stream().filter(e -> e.grantee != role && e.grantor != role).toList());
    }

    /** The stored form: {@code grantee:grantor:privileges:options} entries separated by {@code ;}. */
    public String encode() {
        StringBuilder b = new StringBuilder();
        for (Entry e : entries) {
            if (!b.isEmpty()) {
                b.append(';');
            }
            b.append(e.grantee).append(':').append(e.grantor).append(':').append(e.privileges).append(':')
                    .append(e.options);
        }
        return b.toString();
    }

    public static Acl decode(String text) {
        List<Entry> list = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String item : text.split(";")) {
                String[] f = item.split(":");
                list.add(new Entry(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]),
                        Integer.parseInt(f[3])));
            }
        }
        return new Acl(list);
    }
}
