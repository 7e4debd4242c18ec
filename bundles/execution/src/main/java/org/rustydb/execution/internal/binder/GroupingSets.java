package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;

/** The grouping sets of ROLLUP, CUBE and GROUPING SETS, and of several of them side by side. */
final class GroupingSets {
    private GroupingSets() {
    }

    /** ROLLUP(a, b): (a, b), (a), (). */
    static List<List<Integer>> rollup(List<Integer> members) {
        List<List<Integer>> sets = new ArrayList<>();
        for (int n = members.size(); n >= 0; n--) {
            sets.add(List.copyOf(members.subList(0, n)));
        }
        return sets;
    }

    /** CUBE(a, b): (a, b), (a), (b), () — every subset, larger ones first, as PostgreSQL lists them. */
    static List<List<Integer>> cube(List<Integer> members) {
        List<List<Integer>> sets = new ArrayList<>();
        int n = members.size();
        for (int size = n; size >= 0; size--) {
            for (int mask = (1 << n) - 1; mask >= 0; mask--) {
                if (Integer.bitCount(mask) != size) {
                    continue;
                }
                List<Integer> set = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if ((mask & (1 << (n - 1 - i))) != 0) {
                        set.add(members.get(i));
                    }
                }
                sets.add(set);
            }
        }
        return sets;
    }

    /** GROUP BY a, ROLLUP(b): every combination of one set from each item, concatenated. */
    static List<List<Integer>> product(List<List<List<Integer>>> factors) {
        List<List<Integer>> result = new ArrayList<>();
        result.add(List.of());
        for (List<List<Integer>> factor : factors) {
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> prefix : result) {
                for (List<Integer> set : factor) {
                    List<Integer> combined = new ArrayList<>(prefix);
                    for (Integer k : set) {
                        if (!combined.contains(k)) {
                            combined.add(k);
                        }
                    }
                    next.add(combined);
                }
            }
            result = next;
        }
        return result;
    }
}
