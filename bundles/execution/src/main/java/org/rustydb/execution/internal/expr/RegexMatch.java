package org.rustydb.execution.internal.expr;

import org.rustydb.execution.internal.function.RegexFlags;
import org.rustydb.execution.internal.function.RegexMatching;
import org.rustydb.execution.internal.function.SimilarTo;
import org.rustydb.execution.internal.types.DataType;

/**
 * The POSIX regular expression operators {@code ~ ~* !~ !~*} and [NOT] SIMILAR TO (which PostgreSQL
 * rewrites to {@code ~} with its pattern translated). NULL if any operand is NULL.
 *
 * @param escape  SIMILAR TO's ESCAPE operand, or null for the default backslash
 * @param similar whether the pattern is a SQL (SIMILAR TO) pattern
 */
public record RegexMatch(BoundExpr value, BoundExpr pattern, BoundExpr escape, boolean similar,
                         boolean caseInsensitive, boolean negated) implements BoundExpr {
    @Override
    public DataType dataType() {
        return DataType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row) {
        Object v = value.eval(row);
        if (v == null) {
            return null;
        }
        Object p = pattern.eval(row);
        if (p == null) {
            return null;
        }
        String re = (String) p;
        if (similar) {
            Object e = escape == null ? "\\" : escape.eval(row);
            if (e == null) {
                return null;
            }
            re = SimilarTo.toRegex(re, (String) e);
        }
        boolean matches = RegexMatching.matches((String) v, re,
                caseInsensitive ? RegexFlags.CASE_INSENSITIVE : RegexFlags.DEFAULT);
        return matches != negated;
    }
}
