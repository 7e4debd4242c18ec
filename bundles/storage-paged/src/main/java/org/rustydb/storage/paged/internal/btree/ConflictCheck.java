package org.rustydb.storage.paged.internal.btree;

/**
 * Decides whether an existing entry with the same key as a unique insert is a conflict, e.g. by
 * reading the heap tuple it points to and throwing 23505 if that tuple is live. Called by
 * {@link BTree#insertUnique} while the leaves holding the key are latched exclusively, so two
 * inserts of one key are serialized. It may read heap and transaction-status pages (they come after
 * B+tree pages in the latch order) but must not wait for another transaction: to wait, throw, wait
 * outside, and retry the insert. It may be called more than once for an entry (the insert retries
 * after making room), so it must have no side effects that matter.
 */
@FunctionalInterface
public interface ConflictCheck {
    /** Throws (typically {@code DbException} 23505) if the existing entry blocks the insert. */
    void check(long existingValue);
}
