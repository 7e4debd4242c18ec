package org.rustydb.execution.internal.exec;

import java.util.Arrays;

/**
 * The distinct keys of a hash join's build side or of a hash aggregation's groups, numbered 0, 1,
 * ... in the order they were added; keys are arrays of values compared as {@link HashKey} does (SQL
 * equality, NULLs equal to each other).
 *
 * <p>Open addressing with linear probing over an int array: a lookup costs no allocation and no
 * key object, where a {@code HashMap<HashKey, ...>} costs an entry, a key and (for joins) a boxed
 * list per key. The caller computes the hash once per row with {@link #hash} and passes it to
 * {@link #find} and {@link #add}.
 */
final class KeyTable {
    private static final int INITIAL_SLOTS = 64;

    /** Per slot: the key's id + 1, 0 for an empty slot; at most half full. */
    private int[] slots = new int[INITIAL_SLOTS];
    /**
     * Per slot: the value of a key that is one integral value (smallint, integer, bigint), which
     * then compares without reaching the key's array and boxed value: the common join and GROUP BY
     * key costs one cache line per lookup instead of three.
     */
    private long[] slotIntegral = new long[INITIAL_SLOTS];
    private boolean[] slotIsIntegral = new boolean[INITIAL_SLOTS];
    private int[] hashes = new int[INITIAL_SLOTS / 2];
    private Object[][] keys = new Object[INITIAL_SLOTS / 2][];
    private int size;

    /** Normalized values ready for {@link #hash}, {@link #find} and {@link #add}: the array itself unless one needs normalizing. */
    static Object[] normalized(Object[] values) {
        return HashKey.normalizedValues(values);
    }

    /** The hash of normalized values. */
    static int hash(Object[] normalized) {
        return HashKey.hashValues(normalized);
    }

    /** The id of a key (normalized values and their hash), or -1 when it is not in the table. */
    int find(Object[] normalized, int hash) {
        int mask = slots.length - 1;
        if (normalized.length == 1 && integral(normalized[0])) {
            long value = ((Number) normalized[0]).longValue();
            for (int s = spread(hash) & mask; ; s = (s + 1) & mask) {
                int id = slots[s] - 1;
                if (id < 0) {
                    return -1;
                }
                if (slotIsIntegral[s] && slotIntegral[s] == value) {
                    return id;
                }
            }
        }
        for (int s = spread(hash) & mask; ; s = (s + 1) & mask) {
            int id = slots[s] - 1;
            if (id < 0) {
                return -1;
            }
            if (hashes[id] == hash && HashKey.sameValues(keys[id], normalized)) {
                return id;
            }
        }
    }

    /**
     * Adds a key not in the table (normalized values the table keeps: the caller must not change
     * them afterwards) and returns its id, the number of keys before it.
     */
    int add(Object[] normalized, int hash) {
        if (size == keys.length) {
            grow();
        }
        int id = size++;
        keys[id] = normalized;
        hashes[id] = hash;
        place(id);
        return id;
    }

    /** The values of a key by its id. */
    Object[] key(int id) {
        return keys[id];
    }

    int size() {
        return size;
    }

    private void place(int id) {
        int mask = slots.length - 1;
        int s = spread(hashes[id]) & mask;
        while (slots[s] != 0) {
            s = (s + 1) & mask;
        }
        slots[s] = id + 1;
        Object[] key = keys[id];
        if (key.length == 1 && integral(key[0])) {
            slotIsIntegral[s] = true;
            slotIntegral[s] = ((Number) key[0]).longValue();
        }
    }

    private static boolean integral(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short;
    }

    private void grow() {
        keys = Arrays.copyOf(keys, keys.length * 2);
        hashes = Arrays.copyOf(hashes, hashes.length * 2);
        slots = new int[slots.length * 2];
        slotIntegral = new long[slots.length];
        slotIsIntegral = new boolean[slots.length];
        for (int id = 0; id < size; id++) {
            place(id);
        }
    }

    /** Mixes the hash's bits so keys hashing to nearby or strided values still spread over the slots. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
