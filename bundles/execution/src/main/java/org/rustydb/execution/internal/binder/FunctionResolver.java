package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.spi.function.SqlFunction;

/**
 * Chooses among the overloads of a function as PostgreSQL's func_select_candidate does: keep the
 * overloads every argument converts to implicitly (unknown constants fit any type), then prefer the
 * most exact matches, then preferred types where conversion is needed, then resolve unknown
 * arguments by type category (string first).
 */
final class FunctionResolver {
    private FunctionResolver() {
    }

    static SqlFunction choose(String name, List<SqlFunction> overloads, List<SqlType> args, int position) {
        List<SqlFunction> candidates = new ArrayList<>();
        for (SqlFunction f : overloads) {
            if (accepts(f, args)) {
                candidates.add(f);
            }
        }
        if (candidates.isEmpty()) {
            throw DbException.of(SqlState.UNDEFINED_FUNCTION, "function %s does not exist", signature(name, args))
                    .withHint("No function matches the given name and argument types. "
                            + "You might need to add explicit type casts.")
                    .withPosition(position);
        }
        candidates = keepBest(candidates, f -> count(f, args, (p, a) -> a != SqlType.UNKNOWN && a == p));
        candidates = keepBest(candidates, f -> count(f, args,
                (p, a) -> a != SqlType.UNKNOWN && a != p && Coercions.isPreferred(p)));
        for (int i = 0; i < args.size() && candidates.size() > 1; i++) {
            if (args.get(i) == SqlType.UNKNOWN) {
                candidates = resolveUnknown(candidates, i);
            }
        }
        if (candidates.size() > 1 && !sameSignatures(candidates)) {
            throw DbException.of(SqlState.AMBIGUOUS_FUNCTION, "function %s is not unique", signature(name, args))
                    .withHint("Could not choose a best candidate function. You might need to add explicit type casts.")
                    .withPosition(position);
        }
        return candidates.get(0);
    }

    private static boolean accepts(SqlFunction f, List<SqlType> args) {
        List<SqlType> params = f.parameterTypes();
        if (params.size() != args.size()) {
            return false;
        }
        for (int i = 0; i < args.size(); i++) {
            if (!Casts.canCast(args.get(i), params.get(i), Casts.Context.IMPLICIT)) {
                return false;
            }
        }
        return true;
    }

    private interface Match {
        boolean test(SqlType parameter, SqlType argument);
    }

    private static int count(SqlFunction f, List<SqlType> args, Match match) {
        int n = 0;
        for (int i = 0; i < args.size(); i++) {
            if (match.test(f.parameterTypes().get(i), args.get(i))) {
                n++;
            }
        }
        return n;
    }

    private static List<SqlFunction> keepBest(List<SqlFunction> candidates, ToIntFunction<SqlFunction> score) {
        if (candidates.size() <= 1) {
            return candidates;
        }
        int best = candidates.stream().mapToInt(score).max().orElse(0);
        return candidates.stream().filter(f -> score.applyAsInt(f) == best).collect(Collectors.toList());
    }

    /** At an unknown argument: choose the string category if any overload takes it, else the only one. */
    private static List<SqlFunction> resolveUnknown(List<SqlFunction> candidates, int i) {
        Set<Character> categories = new HashSet<>();
        for (SqlFunction f : candidates) {
            categories.add(Coercions.category(f.parameterTypes().get(i)));
        }
        char chosen;
        if (categories.contains('S')) {
            chosen = 'S';
        } else if (categories.size() == 1) {
            chosen = categories.iterator().next();
        } else {
            return candidates;
        }
        List<SqlFunction> kept = candidates.stream()
                .filter(f -> Coercions.category(f.parameterTypes().get(i)) == chosen).collect(Collectors.toList());
        List<SqlFunction> preferred = kept.stream()
                .filter(f -> Coercions.isPreferred(f.parameterTypes().get(i))).collect(Collectors.toList());
        return preferred.isEmpty() ? kept : preferred;
    }

    private static boolean sameSignatures(List<SqlFunction> candidates) {
        List<SqlType> first = candidates.get(0).parameterTypes();
        return candidates.stream().allMatch(f -> f.parameterTypes().equals(first));
    }

    /** E.g. {@code foo(integer, text)}. */
    static String signature(String name, List<SqlType> args) {
        return name + "(" + args.stream().map(SqlType::sqlName).collect(Collectors.joining(", ")) + ")";
    }
}
