package org.rustydb.storage.paged.internal.memory;

import java.util.concurrent.atomic.AtomicLong;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * A byte budget for the big memory consumers (the buffer pool, sorts, hash tables), so that a
 * query that would need more memory than configured fails with PostgreSQL's {@code out of memory}
 * (53200) instead of taking the JVM down with an {@code OutOfMemoryError}.
 *
 * <p>The engine has one global budget; each query takes a {@link #child} with its own limit, whose
 * reservations count against the global budget too. Closing a child returns whatever it still
 * holds, so a query that fails half-way cannot leak budget.
 *
 * <p>Threading: safe for concurrent use; lock-free.
 */
public final class MemoryBudget implements AutoCloseable {
    private final MemoryBudget parent;
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** A root budget of {@code limitBytes}. */
    public MemoryBudget(long limitBytes) {
        this(null, limitBytes);
    }

    private MemoryBudget(MemoryBudget parent, long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("negative memory limit: " + limitBytes);
        }
        this.parent = parent;
        this.limit = limitBytes;
    }

    /** A budget of at most {@code limitBytes} that also draws every reservation from this one. */
    public MemoryBudget child(long limitBytes) {
        return new MemoryBudget(this, limitBytes);
    }

    /**
     * Takes {@code bytes} from this budget and its ancestors, all or nothing.
     *
     * @param what names the consumer for the error detail, e.g. {@code "sort"}
     * @throws DbException 53200 if this budget or an ancestor would exceed its limit
     */
    public void reserve(long bytes, String what) {
        if (!tryReserve(bytes)) {
            throw DbException.of(SqlState.OUT_OF_MEMORY, "out of memory")
                    .withDetail("Failed on request of size " + bytes + " bytes for " + what + ".");
        }
    }

    /** Like {@link #reserve} but answers false instead of failing (to spill to disk instead, say). */
    public boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative reservation: " + bytes);
        }
        long current;
        do {
            current = used.get();
            if (bytes > limit - current) {
                return false;
            }
        } while (!used.compareAndSet(current, current + bytes));
        if (parent != null && !parent.tryReserve(bytes)) {
            used.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    /** Returns {@code bytes} reserved earlier to this budget and its ancestors. */
    public void release(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative release: " + bytes);
        }
        long current;
        do {
            current = used.get();
            if (bytes > current) {
                throw new IllegalStateException("releasing " + bytes + " bytes but only " + current + " are reserved");
            }
        } while (!used.compareAndSet(current, current - bytes));
        if (parent != null) {
            parent.release(bytes);
        }
    }

    /** Bytes reserved now (by this budget and its children). */
    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }

    /** Bytes that could still be reserved here, ignoring what the ancestors have left. */
    public long available() {
        return limit - used.get();
    }

    /**
     * Releases everything this budget still holds back to its ancestors (the end of a query,
     * whichever way it ended). The budget stays usable.
     */
    @Override
    public void close() {
        long held = used.getAndSet(0);
        if (held > 0 && parent != null) {
            parent.release(held);
        }
    }

    @Override
    public String toString() {
        return "MemoryBudget[" + used.get() + "/" + limit + "]";
    }
}
