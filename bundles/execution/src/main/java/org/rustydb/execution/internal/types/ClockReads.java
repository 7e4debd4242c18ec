package org.rustydb.execution.internal.types;

/**
 * Notes, per thread, that a value was taken from the clock while converting input ('now',
 * 'today', 'tomorrow', 'yesterday'): a statement bound with such a constant must be bound again
 * next time instead of reusing its plan, or the constant would keep its first value.
 */
public final class ClockReads {
    private static final ThreadLocal<boolean[]> READ = ThreadLocal.withInitial(() -> new boolean[1]);

    private ClockReads() {
    }

    static void noteRead() {
        READ.get()[0] = true;
    }

    /** Whether the clock was read since the last call, and starts over. */
    public static boolean takeRead() {
        boolean[] read = READ.get();
        boolean was = read[0];
        read[0] = false;
        return was;
    }
}
