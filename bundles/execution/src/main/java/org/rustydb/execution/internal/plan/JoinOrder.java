package org.rustydb.execution.internal.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the order and methods of a group of inner joins. Up to {@link #DP_LIMIT} relations
 * (PostgreSQL's join_collapse_limit) it enumerates all bushy trees bottom-up by subset size
 * (DPsize), joining only subsets linked by a condition unless no tree exists without a cartesian
 * product; beyond that it joins greedily the pair whose join costs least.
 *
 * <p>Estimated rows of a set of relations do not depend on the tree: the product of the
 * relations' rows and the selectivities of the conditions among them. Costs, in rows touched:
 * a hash join builds on the smaller input ({@link #HASH_BUILD} per row) and probes with the other
 * ({@link #HASH_PROBE}); an index nested loop, for an inner relation with an index on its side of an
 * equality, pays {@link #LOOKUP} plus the depth of the index per outer row and does not read the
 * inner relation otherwise; a plain nested loop (no equality) pays for every pair. Each join also
 * pays {@link #OUTPUT} per row it produces.
 *
 * <p>A merge join reads both inputs once ({@link #MERGE_ROW} per row) but needs them in key order:
 * free for a table whose scan already reads the index on its key, {@link #INDEX_ORDER} more per row
 * to read the table whole through that index, else a sort ({@link #sortCost}, spilling past
 * work_mem). A hash join whose build side exceeds work_mem pays {@link #HASH_OVERFLOW} per row of
 * both inputs (a grace hash join writes and reads them once); then inputs an index can give in key
 * order merge for less.
 */
public final class JoinOrder {
    /** PostgreSQL's join_collapse_limit and from_collapse_limit. */
    public static final int DP_LIMIT = 8;
    static final double HASH_BUILD = 2;
    static final double HASH_PROBE = 1;
    /** Opening an index cursor for one key costs about as much as reading this many rows. */
    static final double LOOKUP = 10;
    static final double PAIR = 1;
    static final double OUTPUT = 0.5;
    static final double MERGE_ROW = 1;
    /** Comparisons of a sort cost this much per row and binary digit of the row count. */
    static final double SORT_COMPARE = 0.1;
    /** Setting a sort up: for a few rows, hashing them is cheaper. */
    static final double SORT_STARTUP = 10;
    /** Writing a row to a temporary file and reading it back. */
    static final double SPILL_ROW = 2;
    /** Reading a table through an index instead of whole, per row. */
    public static final double INDEX_ORDER = 1;
    /** Per row of both inputs, when the hash table would not fit in work_mem: both go through partition files. */
    static final double HASH_OVERFLOW = SPILL_ROW;

    /**
     * A relation to join.
     *
     * @param rows      estimated rows it produces (its filters applied)
     * @param cost      the cost of producing them (for a table scan, the rows of the table)
     * @param tableRows the rows of its table, for the depth of its indexes (0 when it is not a table)
     * @param rowBytes  the memory one of its rows takes, about ({@link #rowBytes})
     */
    public record Relation(double rows, double cost, double tableRows, double rowBytes) {
        public Relation(double rows, double cost, double tableRows) {
            this(rows, cost, tableRows, 64);
        }
    }

    /**
     * A join condition.
     *
     * @param relations   the relations it reads (indexes into the relation list)
     * @param equi        whether it is an equality between an expression of one relation and one of another
     * @param selectivity the fraction of pairs it keeps
     * @param indexed     the relations whose side of the equality an index can look up (and read in its order)
     * @param ordered     the relations whose scan already reads in the order of their side of the equality
     */
    public record Predicate(long relations, boolean equi, double selectivity, long indexed, long ordered) {
        public Predicate(long relations, boolean equi, double selectivity, long indexed) {
            this(relations, equi, selectivity, indexed, 0);
        }
    }

    /** How two inputs are joined. */
    public enum Method { HASH, MERGE, INDEX_NESTED_LOOP, NESTED_LOOP }

    /** A join tree: a relation, or a join of two trees. */
    public sealed interface Tree {
        long set();

        double rows();

        double cost();
    }

    public record Leaf(int relation, double rows, double cost) implements Tree {
        @Override
        public long set() {
            return 1L << relation;
        }
    }

    public record Node(Tree left, Tree right, Method method, double rows, double cost) implements Tree {
        @Override
        public long set() {
            return left.set() | right.set();
        }
    }

    private final List<Relation> relations;
    private final List<Predicate> predicates;
    private final double workMem;

    private JoinOrder(List<Relation> relations, List<Predicate> predicates, double workMem) {
        this.relations = relations;
        this.predicates = predicates;
        this.workMem = workMem;
    }

    /** The cheapest tree joining all the relations (at most 63), with no memory limit. */
    public static Tree best(List<Relation> relations, List<Predicate> predicates, int dpLimit) {
        return best(relations, predicates, dpLimit, Double.MAX_VALUE);
    }

    /** The cheapest tree joining all the relations (at most 63), a hash table fitting in {@code workMem} bytes. */
    public static Tree best(List<Relation> relations, List<Predicate> predicates, int dpLimit, double workMem) {
        if (relations.isEmpty() || relations.size() > 63) {
            throw new IllegalArgumentException("1 to 63 relations expected");
        }
        JoinOrder order = new JoinOrder(relations, predicates, workMem);
        if (relations.size() <= dpLimit) {
            Tree t = order.dynamic(false);
            return t != null ? t : order.dynamic(true);
        }
        return order.greedy();
    }

    private Tree leaf(int i) {
        Relation r = relations.get(i);
        return new Leaf(i, r.rows(), r.cost());
    }

    /** Rows of a set of relations: their product times the selectivity of the conditions within. */
    double rows(long set) {
        double rows = 1;
        for (int i = 0; i < relations.size(); i++) {
            if ((set & (1L << i)) != 0) {
                rows *= relations.get(i).rows();
            }
        }
        for (Predicate p : predicates) {
            if ((p.relations() & ~set) == 0) {
                rows *= p.selectivity();
            }
        }
        return Math.max(1, rows);
    }

    private boolean linked(long a, long b) {
        for (Predicate p : predicates) {
            if ((p.relations() & a) != 0 && (p.relations() & b) != 0 && (p.relations() & ~(a | b)) == 0) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of a row of a set of relations. */
    private double bytes(long set) {
        double bytes = 0;
        for (int i = 0; i < relations.size(); i++) {
            if ((set & (1L << i)) != 0) {
                bytes += relations.get(i).rowBytes();
            }
        }
        return bytes;
    }

    /** The cost of sorting {@code rows} rows of {@code rowBytes} each, spilling past {@code workMem}. */
    public static double sortCost(double rows, double rowBytes, double workMem) {
        double cost = SORT_STARTUP + rows * Math.max(1, Math.log(Math.max(rows, 2)) / Math.log(2)) * SORT_COMPARE;
        return rows * rowBytes > workMem ? cost + rows * SPILL_ROW : cost;
    }

    /** The cost of a hash join building on {@code build} rows and probing with {@code probe}, without output. */
    public static double hashCost(double build, double buildBytes, double probe, double workMem) {
        double cost = build * HASH_BUILD + probe * HASH_PROBE;
        return build * buildBytes > workMem ? cost + (build + probe) * HASH_OVERFLOW : cost;
    }

    /**
     * The cost of merging two inputs of these rows, each with the cost of putting it in key order,
     * without output.
     */
    public static double mergeCost(double leftRows, double leftOrder, double rightRows, double rightOrder) {
        return leftOrder + rightOrder + (leftRows + rightRows) * MERGE_ROW;
    }

    /** What putting one input of a merge join in key order costs. */
    private double orderCost(Tree t, boolean ordered, boolean indexed) {
        if (t instanceof Leaf && ordered) {
            return 0;
        }
        double sort = sortCost(t.rows(), bytes(t.set()), workMem);
        if (t instanceof Leaf leaf && indexed) {
            return Math.min(sort, relations.get(leaf.relation()).tableRows() * INDEX_ORDER);
        }
        return sort;
    }

    /** The cheapest way to join left and right in this order (the left one outer), or null. */
    Tree join(Tree left, Tree right, double rows) {
        int equi = 0;
        boolean indexed = false;
        boolean leftOrdered = false;
        boolean rightOrdered = false;
        boolean leftIndexed = false;
        boolean rightIndexed = false;
        for (Predicate p : predicates) {
            long r = p.relations();
            if (!p.equi() || (r & left.set()) == 0 || (r & right.set()) == 0 || (r & ~(left.set() | right.set())) != 0) {
                continue;
            }
            equi++;
            indexed |= right instanceof Leaf && (p.indexed() & right.set()) != 0;
            leftOrdered = (p.ordered() & left.set()) != 0;
            rightOrdered = (p.ordered() & right.set()) != 0;
            leftIndexed = (p.indexed() & left.set()) != 0;
            rightIndexed = (p.indexed() & right.set()) != 0;
        }
        double out = rows * OUTPUT;
        Tree best;
        if (equi > 0) {
            // built on the smaller input: keep the larger on the left, as PostgreSQL shows it
            double build = Math.min(left.rows(), right.rows());
            double probe = Math.max(left.rows(), right.rows());
            double buildBytes = bytes(left.rows() >= right.rows() ? right.set() : left.set());
            best = left.rows() >= right.rows()
                    ? new Node(left, right, Method.HASH, rows,
                            left.cost() + right.cost() + hashCost(build, buildBytes, probe, workMem) + out)
                    : null;
            // an index gives the order of one key only: with several, a merge join sorts
            boolean single = equi == 1;
            Node merge = new Node(left, right, Method.MERGE, rows, left.cost() + right.cost()
                    + mergeCost(left.rows(), orderCost(left, single && leftOrdered, single && leftIndexed),
                            right.rows(), orderCost(right, single && rightOrdered, single && rightIndexed))
                    + out);
            if (best == null || merge.cost() < best.cost()) {
                best = merge;
            }
        } else {
            // a pair loop reads the right input once into memory and pairs each left row with it
            best = new Node(left, right, Method.NESTED_LOOP, rows,
                    left.cost() + right.cost() + left.rows() * right.rows() * PAIR + out);
        }
        if (indexed) {
            Relation inner = relations.get(((Leaf) right).relation());
            double depth = Math.log(Math.max(inner.tableRows(), 2)) / Math.log(2);
            Node nl = new Node(left, right, Method.INDEX_NESTED_LOOP, rows,
                    left.cost() + left.rows() * (LOOKUP + depth) + out);
            if (best == null || nl.cost() < best.cost()) {
                best = nl;
            }
        }
        return best;
    }

    private Tree dynamic(boolean crossProducts) {
        int n = relations.size();
        Tree[] best = new Tree[1 << n];
        for (int i = 0; i < n; i++) {
            best[1 << i] = leaf(i);
        }
        for (int size = 2; size <= n; size++) {
            for (int set = 1; set < (1 << n); set++) {
                if (Integer.bitCount(set) != size) {
                    continue;
                }
                double rows = rows(set);
                for (int left = (set - 1) & set; left > 0; left = (left - 1) & set) {
                    int right = set & ~left;
                    if (best[left] == null || best[right] == null || (!crossProducts && !linked(left, right))) {
                        continue;
                    }
                    Tree t = join(best[left], best[right], rows);
                    if (t != null && (best[set] == null || t.cost() < best[set].cost())) {
                        best[set] = t;
                    }
                }
            }
        }
        return best[(1 << n) - 1];
    }

    /** Joins the cheapest linked pair until one tree is left (any pair when none is linked). */
    private Tree greedy() {
        List<Tree> trees = new ArrayList<>();
        for (int i = 0; i < relations.size(); i++) {
            trees.add(leaf(i));
        }
        while (trees.size() > 1) {
            Tree chosen = null;
            int a = -1;
            int b = -1;
            for (boolean cross : new boolean[] {false, true}) {
                for (int i = 0; i < trees.size(); i++) {
                    for (int j = 0; j < trees.size(); j++) {
                        if (i == j || (!cross && !linked(trees.get(i).set(), trees.get(j).set()))) {
                            continue;
                        }
                        Tree t = join(trees.get(i), trees.get(j), rows(trees.get(i).set() | trees.get(j).set()));
                        if (t != null && (chosen == null || t.cost() < chosen.cost())) {
                            chosen = t;
                            a = i;
                            b = j;
                        }
                    }
                }
                if (chosen != null) {
                    break;
                }
            }
            trees.remove(Math.max(a, b));
            trees.remove(Math.min(a, b));
            trees.add(chosen);
        }
        return trees.get(0);
    }
}
