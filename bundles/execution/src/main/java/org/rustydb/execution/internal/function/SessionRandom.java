package org.rustydb.execution.internal.function;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.ValueText;

/**
 * random() and setseed(): a session that called setseed draws from its own seeded generator, so
 * the same seed repeats the same sequence (not PostgreSQL's numbers, whose generator differs);
 * other sessions draw from the thread's generator. Seeded generators are kept for the most
 * recently seeding sessions only, as there is no hook when a session ends.
 */
final class SessionRandom {
    private static final int MAX_SESSIONS = 1024;
    private static final Map<Long, SplittableRandom> SEEDED = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, SplittableRandom> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    private SessionRandom() {
    }

    static double random(long sessionId) {
        synchronized (SEEDED) {
            SplittableRandom seeded = SEEDED.get(sessionId);
            if (seeded != null) {
                return seeded.nextDouble();
            }
        }
        return ThreadLocalRandom.current().nextDouble();
    }

    static String setseed(long sessionId, double seed) {
        if (!(seed >= -1 && seed <= 1)) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "setseed parameter %s is out of allowed range [-1,1]",
                    ValueText.formatDouble(seed));
        }
        synchronized (SEEDED) {
            SEEDED.put(sessionId, new SplittableRandom(Double.doubleToLongBits(seed)));
        }
        return "";
    }
}
