package org.rustydb.execution.internal.function;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * Compiled-pattern cache and guarded matching for the regular expression functions and operators.
 * Java's backtracking matcher can take exponential time or overflow its stack where PostgreSQL's
 * automaton does not; both end in a 54000 error instead of a hang or a crash.
 */
public final class RegexMatching {
    private static final int CACHE_SIZE = 256;
    /** Character reads allowed per match attempt, per character of input, before giving up. */
    private static final long STEPS_PER_CHAR = 20_000;
    private static final long MIN_STEPS = 50_000_000;

    private record Key(String pattern, RegexFlags flags) {
    }

    private static final Map<Key, Pattern> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Pattern> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private RegexMatching() {
    }

    /** The compiled form of a PostgreSQL ARE, from the cache when it was compiled recently. */
    public static Pattern pattern(String re, RegexFlags flags) {
        Key key = new Key(re, flags);
        synchronized (CACHE) {
            Pattern cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Pattern compiled = PosixRegex.compile(re, flags);
        synchronized (CACHE) {
            CACHE.put(key, compiled);
        }
        return compiled;
    }

    /** A matcher over {@code s} whose reads are counted, so a runaway match stops. */
    public static Matcher matcher(Pattern pattern, String s) {
        return pattern.matcher(new Guarded(s));
    }

    /** {@code matcher.find(from)}, turning a stack overflow into an error. */
    public static boolean find(Matcher m, int from) {
        try {
            return m.find(from);
        } catch (StackOverflowError e) {
            throw tooComplex();
        }
    }

    /** The ~ operator and its relatives: does the pattern match anywhere in s? */
    public static boolean matches(String s, String re, RegexFlags flags) {
        return find(matcher(pattern(re, flags), s), 0);
    }

    static DbException tooComplex() {
        return DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "regular expression is too complex")
                .withDetail("The pattern needs too much backtracking on this input.");
    }

    /** The string a matcher reads, counting reads. */
    private static final class Guarded implements CharSequence {
        private final String s;
        private final long limit;
        private long steps;

        Guarded(String s) {
            this(s, Math.max(MIN_STEPS, s.length() * STEPS_PER_CHAR));
        }

        private Guarded(String s, long limit) {
            this.s = s;
            this.limit = limit;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            if (++steps > limit) {
                throw tooComplex();
            }
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.substring(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
