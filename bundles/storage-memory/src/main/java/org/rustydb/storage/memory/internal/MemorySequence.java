package org.rustydb.storage.memory.internal;

import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.SequenceHandle;

/**
 * A sequence of the memory engine. Its state changes outside transactions; a durable engine logs
 * it ahead, once per {@value MemoryStorageEngine#SEQUENCE_BATCH} values, so that a recovered
 * sequence never repeats a value.
 */
final class MemorySequence implements SequenceHandle {
    /** Replaced by ALTER SEQUENCE, under the engine's catalog lock and this monitor. */
    private volatile SequenceDefinition definition;
    /** The transaction creating or dropping it, 0 when none; under the engine's catalog lock. */
    long ddlOwner;
    /** The transaction altering it, 0 when none; under the engine's catalog lock. */
    volatile long alteredBy;
    volatile boolean dropped;
    /** The last value handed out (the next one while not called); under this monitor. */
    long last;
    boolean called;
    /** What the log says: after a crash the sequence goes on from there. */
    long loggedValue;
    boolean loggedCalled;

    MemorySequence(SequenceDefinition definition, long creator, long value, boolean called) {
        this.definition = definition;
        this.ddlOwner = creator;
        this.last = value;
        this.called = called;
        this.loggedValue = value;
        this.loggedCalled = called;
    }

    @Override
    public SequenceDefinition definition() {
        return definition;
    }

    void setDefinition(SequenceDefinition definition) {
        this.definition = definition;
    }

    /**
     * The value nextval hands out next, without handing it out; 2200H at the end of a sequence
     * that does not cycle. Under this monitor.
     */
    long peekNext() {
        if (!called) {
            return last;
        }
        SequenceDefinition d = definition;
        try {
            long candidate = Math.addExact(last, d.increment());
            if (candidate <= d.maxValue() && candidate >= d.minValue()) {
                return candidate;
            }
        } catch (ArithmeticException e) {
            // past the end, as below
        }
        if (!d.cycle()) {
            throw org.rustydb.api.DbException.of(org.rustydb.api.SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED,
                    "nextval: reached %s value of sequence \"%s\" (%d)", d.increment() > 0 ? "maximum" : "minimum",
                    d.name(), d.increment() > 0 ? d.maxValue() : d.minValue());
        }
        return d.increment() > 0 ? d.minValue() : d.maxValue();
    }

    /** True if a sequence recovered from the log would go on past {@code value}. */
    boolean covered(long value) {
        if (definition.increment() > 0) {
            return loggedCalled ? value <= loggedValue : value < loggedValue;
        }
        return loggedCalled ? value >= loggedValue : value > loggedValue;
    }

    /** The last value of a batch of {@code batch} values starting at {@code value}, within bounds. */
    long batchEnd(long value, int batch) {
        SequenceDefinition d = definition;
        long reserved = value;
        for (int i = 1; i < batch; i++) {
            long further = reserved + d.increment();
            if ((d.increment() > 0 && (further > d.maxValue() || further < reserved))
                    || (d.increment() < 0 && (further < d.minValue() || further > reserved))) {
                break;
            }
            reserved = further;
        }
        return reserved;
    }
}
