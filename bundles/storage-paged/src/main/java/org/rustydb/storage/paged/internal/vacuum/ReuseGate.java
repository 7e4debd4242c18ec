package org.rustydb.storage.paged.internal.vacuum;

/**
 * When the row id of a removed version may name a new one. Index entries are gone by then, but a
 * statement may still hold the row id, read from a scan or an index entry before vacuum began:
 * the executor collects the row ids of an UPDATE's targets, closes its cursor, then changes them
 * one by one. So a freed slot waits until every transaction that could have read its row id has
 * ended; a reused row id never reaches a statement that meant the old row.
 */
public interface ReuseGate {
    /** The transactions that may hold row ids read up to now. */
    Object mark();

    /** True once every transaction of {@code mark} has ended. */
    boolean passed(Object mark);
}
