package org.rustydb.security.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Locks a role name out for a while after too many failed logins within a window, against
 * password guessing. Kept in memory: a restart forgets it. Unknown role names are tracked too, so
 * that probing does not tell them apart from real ones. Thread-safe.
 */
public final class Lockout {
    private final int maxFailures;
    private final long windowMillis;
    private final long lockMillis;
    private final LongSupplier clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private static final class State {
        final Deque<Long> failures = new ArrayDeque<>();
        long lockedUntil;
    }

    /**
     * @param maxFailures failures within the window that lock the role; 0 disables locking
     * @param clock       milliseconds, monotonic enough for the windows
     */
    public Lockout(int maxFailures, long windowMillis, long lockMillis, LongSupplier clock) {
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        this.lockMillis = lockMillis;
        this.clock = clock;
    }

    private static String key(String user) {
        return user.length() > 256 ? user.substring(0, 256) : user;
    }

    /** True while the role is locked out. */
    public boolean isLocked(String user) {
        State state = states.get(key(user));
        if (state == null) {
            return false;
        }
        synchronized (state) {
            return clock.getAsLong() < state.lockedUntil;
        }
    }

    /** Records a failed login; true when this failure locks the role. */
    public boolean failed(String user) {
        if (maxFailures <= 0) {
            return false;
        }
        if (states.size() > 100_000) {
            states.clear(); // bound the memory a flood of invented names can take
        }
        State state = states.computeIfAbsent(key(user), k -> new State());
        synchronized (state) {
            long now = clock.getAsLong();
            state.failures.addLast(now);
            while (!state.failures.isEmpty() && state.failures.peekFirst() <= now - windowMillis) {
                state.failures.removeFirst();
            }
            if (state.failures.size() >= maxFailures) {
                state.failures.clear();
                state.lockedUntil = now + lockMillis;
                return true;
            }
            return false;
        }
    }

    /** A successful login forgets the earlier failures. */
    public void succeeded(String user) {
        states.remove(key(user));
    }
}
