package org.rustydb.security.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LockoutTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Lockout lockout = new Lockout(3, 60_000, 300_000, now::get);

    @Test
    void locksAfterTooManyFailuresWithinTheWindowAndUnlocksLater() {
        assertFalse(lockout.failed("alice"));
        assertFalse(lockout.failed("alice"));
        assertFalse(lockout.isLocked("alice"));
        assertTrue(lockout.failed("alice"));
        assertTrue(lockout.isLocked("alice"));
        assertFalse(lockout.isLocked("bob"));
        now.addAndGet(299_999);
        assertTrue(lockout.isLocked("alice"));
        now.addAndGet(1);
        assertFalse(lockout.isLocked("alice"));
    }

    @Test
    void failuresOutsideTheWindowAndSuccessesAreForgotten() {
        lockout.failed("alice");
        lockout.failed("alice");
        now.addAndGet(60_000);
        assertFalse(lockout.failed("alice"));
        assertFalse(lockout.isLocked("alice"));
        lockout.failed("alice");
        lockout.succeeded("alice");
        assertFalse(lockout.failed("alice"));
        assertFalse(lockout.isLocked("alice"));
    }

    @Test
    void zeroAttemptsNeverLocks() {
        Lockout off = new Lockout(0, 60_000, 300_000, now::get);
        for (int i = 0; i < 10; i++) {
            assertFalse(off.failed("alice"));
        }
        assertFalse(off.isLocked("alice"));
    }
}
