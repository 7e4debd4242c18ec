package org.rustydb.security.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The roles and memberships read at one moment, for membership questions. */
public final class RoleGraph {
    private final Map<String, Role> byName = new HashMap<>();
    private final Map<Long, Role> byOid = new HashMap<>();
    private final Map<Long, Set<Long>> grantedTo = new HashMap<>();

    public RoleGraph(List<Role> roles, List<RoleStore.Membership> memberships) {
        for (Role r : roles) {
            byName.put(r.name(), r);
            byOid.put(r.oid(), r);
        }
        for (RoleStore.Membership m : memberships) {
            grantedTo.computeIfAbsent(m.member(), k -> new HashSet<>()).add(m.role());
        }
    }

    public Role role(String name) {
        return byName.get(name);
    }

    public Role role(long oid) {
        return byOid.get(oid);
    }

    /** Whether {@code member} is {@code role} or was granted it, directly or through other roles. */
    public boolean isMember(String member, String role) {
        Role m = byName.get(member);
        Role r = byName.get(role);
        return m != null && r != null && reachable(m.oid()).contains(r.oid());
    }

    /** The oids of a role and of every role it was granted, directly or not. */
    public Set<Long> reachable(long oid) {
        Set<Long> seen = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>();
        todo.add(oid);
        while (!todo.isEmpty()) {
            long next = todo.removeFirst();
            if (seen.add(next)) {
                todo.addAll(grantedTo.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    /** The names of the roles granted directly to a role. */
    public List<String> memberOf(long oid) {
        return grantedTo.getOrDefault(oid, Set.of()).stream().map(byOid::get).filter(r -> r != null)
                .map(Role::name).sorted().toList();
    }
}
