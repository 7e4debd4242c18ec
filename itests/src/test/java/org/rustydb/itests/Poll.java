package org.rustydb.itests;

import java.time.Duration;

/**
 * Waits for a condition with a deadline instead of fixed sleeps. A check that throws an
 * {@link Exception} or returns null/false is retried; an {@link AssertionError} fails at once.
 */
final class Poll {
    private static final long INTERVAL_MILLIS = 100;

    @FunctionalInterface
    interface Check<T> {
        T get() throws Exception;
    }

    private Poll() {
    }

    static <T> T until(Duration timeout, String what, Check<T> check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        Object lastValue = null;
        while (true) {
            try {
                T value = check.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
                lastValue = value;
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                String last = lastFailure != null ? "; last failure: " + lastFailure : "; last result: " + lastValue;
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + last,
                        lastFailure);
            }
            Thread.sleep(INTERVAL_MILLIS);
        }
    }
}
