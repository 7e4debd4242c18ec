package org.rustydb.execution.internal.exec;

import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.WindowCall;

/** One window call over one sorted partition: ranking, offsets, and values and aggregates over frames. */
final class WindowFrames {
    private final WindowCall call;
    private final List<Object[]> rows;
    private final int[] order;
    private final byte[] bounds;
    private final int start;
    private final int size;

    private WindowFrames(WindowCall call, List<Object[]> rows, WindowSort sorted, int start, int end) {
        this.call = call;
        this.rows = rows;
        this.order = sorted.order;
        this.bounds = sorted.bounds;
        this.start = start;
        this.size = end - start;
    }

    /**
     * Computes the call for the rows at sorted positions {@code [start, end)}, one partition, into
     * {@code values} (by sorted position). {@code rows} are the input rows, by input position.
     */
    static void partition(WindowCall call, List<Object[]> rows, WindowSort sorted, int start, int end,
                          Object[] values) {
        new WindowFrames(call, rows, sorted, start, end).compute(values);
    }

    private Object[] row(int i) {
        return rows.get(order[start + i]);
    }

    private void compute(Object[] values) {
        int[] firstPeer = new int[size];
        int[] lastPeer = new int[size];
        int[] group = new int[size];
        for (int i = 0, g = 0; i < size; i++) {
            if (i > 0 && (bounds[start + i] & WindowSort.NEW_PEER) != 0) {
                g++;
            }
            group[i] = g + 1;
            firstPeer[i] = i > 0 && group[i] == group[i - 1] ? firstPeer[i - 1] : i;
        }
        for (int i = size - 1; i >= 0; i--) {
            lastPeer[i] = i < size - 1 && group[i] == group[i + 1] ? lastPeer[i + 1] : i;
        }
        String name = call.name();
        Accumulator running = null;
        int fed = 0;
        for (int i = 0; i < size; i++) {
            Object v;
            switch (name) {
                case "row_number" -> v = (long) i + 1;
                case "rank" -> v = (long) firstPeer[i] + 1;
                case "dense_rank" -> v = (long) group[i];
                case "percent_rank" -> v = size > 1 ? (double) firstPeer[i] / (size - 1) : 0.0;
                case "cume_dist" -> v = (double) (lastPeer[i] + 1) / size;
                case "ntile" -> v = ntile(i);
                case "lag", "lead" -> v = offsetValue(i, name.equals("lag"));
                default -> {
                    int from = frameStart(i, firstPeer);
                    int to = frameEnd(i, lastPeer);
                    if (name.equals("first_value") || name.equals("last_value") || name.equals("nth_value")) {
                        v = frameValue(i, from, to);
                    } else if (call.frame().start() == WindowCall.BoundKind.UNBOUNDED_PRECEDING) {
                        if (running == null) {
                            running = Accumulator.create(name, call.type().type());
                        }
                        for (; fed <= to; fed++) {
                            feed(running, fed);
                        }
                        v = running.result();
                    } else {
                        Accumulator a = Accumulator.create(name, call.type().type());
                        for (int j = from; j <= to; j++) {
                            feed(a, j);
                        }
                        v = a.result();
                    }
                }
            }
            values[start + i] = v;
        }
    }

    private void feed(Accumulator a, int j) {
        Object[] r = row(j);
        if (call.filter() != null && !Boolean.TRUE.equals(call.filter().eval(r))) {
            return;
        }
        Object[] args = new Object[call.args().size()];
        for (int k = 0; k < args.length; k++) {
            args[k] = call.args().get(k).eval(r);
            if (args[k] == null) {
                return;
            }
        }
        a.add(args);
    }

    private int frameStart(int i, int[] firstPeer) {
        WindowCall.Frame f = call.frame();
        return Math.max(0, switch (f.start()) {
            case UNBOUNDED_PRECEDING -> 0;
            case PRECEDING -> i - (int) offset(f.startOffset(), i);
            case CURRENT_ROW -> f.rows() ? i : firstPeer[i];
            case FOLLOWING -> i + (int) offset(f.startOffset(), i);
            case UNBOUNDED_FOLLOWING -> size;
        });
    }

    private int frameEnd(int i, int[] lastPeer) {
        WindowCall.Frame f = call.frame();
        return Math.min(size - 1, switch (f.end()) {
            case UNBOUNDED_PRECEDING -> -1;
            case PRECEDING -> i - (int) offset(f.endOffset(), i);
            case CURRENT_ROW -> f.rows() ? i : lastPeer[i];
            case FOLLOWING -> i + (int) Math.min(offset(f.endOffset(), i), Integer.MAX_VALUE / 2);
            case UNBOUNDED_FOLLOWING -> size - 1;
        });
    }

    private long offset(BoundExpr e, int i) {
        Object v = e.eval(row(i));
        if (v == null) {
            throw DbException.of(SqlState.NULL_VALUE_NOT_ALLOWED, "frame starting offset must not be null");
        }
        long n = ((Number) v).longValue();
        if (n < 0) {
            throw DbException.of(SqlState.INVALID_PRECEDING_OR_FOLLOWING_SIZE, "frame starting offset must not be "
                    + "negative");
        }
        return Math.min(n, Integer.MAX_VALUE / 2);
    }

    private Object ntile(int i) {
        Object arg = call.args().get(0).eval(row(i));
        if (arg == null) {
            return null;
        }
        long buckets = ((Number) arg).longValue();
        if (buckets <= 0) {
            throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_NTILE, "argument of ntile must be greater than zero");
        }
        long per = size / buckets;
        long extra = size % buckets;
        // the first `extra` buckets hold per + 1 rows
        long big = extra * (per + 1);
        return (int) (i < big ? i / (per + 1) + 1 : extra + (i - big) / Math.max(per, 1) + 1);
    }

    private Object offsetValue(int i, boolean lag) {
        long distance = 1;
        if (call.args().size() > 1) {
            Object d = call.args().get(1).eval(row(i));
            if (d == null) {
                return null;
            }
            distance = ((Number) d).longValue();
        }
        long target = lag ? i - distance : i + distance;
        if (target < 0 || target >= size) {
            return call.args().size() > 2 ? call.args().get(2).eval(row(i)) : null;
        }
        return call.args().get(0).eval(row((int) target));
    }

    private Object frameValue(int i, int from, int to) {
        if (from > to) {
            return null;
        }
        switch (call.name()) {
            case "first_value":
                return call.args().get(0).eval(row(from));
            case "last_value":
                return call.args().get(0).eval(row(to));
            default:
                Object nth = call.args().get(1).eval(row(i));
                if (nth == null) {
                    return null;
                }
                long n = ((Number) nth).longValue();
                if (n <= 0) {
                    throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_NTH_VALUE,
                            "argument of nth_value must be greater than zero");
                }
                long at = from + n - 1;
                return at > to ? null : call.args().get(0).eval(row((int) at));
        }
    }
}
