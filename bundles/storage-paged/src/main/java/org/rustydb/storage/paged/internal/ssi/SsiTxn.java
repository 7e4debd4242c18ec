package org.rustydb.storage.paged.internal.ssi;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;

/** What {@link SsiTracker} knows of one SERIALIZABLE transaction. Guarded by the tracker. */
public final class SsiTxn {
    enum State { ACTIVE, COMMITTED, ABORTED }

    final long startSeq;
    long commitSeq;
    State state = State.ACTIVE;
    /** The storage transaction id once it writes, else 0: others' snapshots decide if they see it. */
    private volatile long xid;
    final Set<Object> reads = new HashSet<>();
    final Set<Object> writes = new HashSet<>();
    /** Transactions this one read past (it must precede them). */
    final Set<SsiTxn> out = Collections.newSetFromMap(new IdentityHashMap<>());
    /** It had a conflict out to a committed transaction that has since been forgotten. */
    boolean outToForgottenCommit;
    /** Transactions that read past this one (they must precede it). */
    final Set<SsiTxn> in = Collections.newSetFromMap(new IdentityHashMap<>());

    SsiTxn(long startSeq) {
        this.startSeq = startSeq;
    }

    public long xid() {
        return xid;
    }

    public void setXid(long xid) {
        this.xid = xid;
    }

    boolean live() {
        return state != State.ABORTED;
    }
}
