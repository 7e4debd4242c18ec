package org.rustydb.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

class TpcbWorkloadTest {
    @Test
    void runsTransactionsAndTheBalancesHold() throws Exception {
        Target target = H2.target();
        H2.Output out = new H2.Output();
        List<PhaseResult> results = new TpcbWorkload(1000).run(target,
                H2.options("tpcb", "--scale", "2", "--clients", "3", "--duration", "2", "--warmup", "1",
                        "--progress", "1", "--batch", "300", "--seed", "5"), out.stream);
        assertEquals(2, results.size(), out.toString());
        PhaseResult init = results.get(0);
        assertEquals("init", init.phase());
        assertEquals(2 + 20 + 2000, init.operations());
        PhaseResult tx = results.get(1);
        assertEquals("transaction", tx.phase());
        assertTrue(tx.operations() > 10, "transactions: " + tx.operations());
        assertEquals(0, tx.failed(), out.toString());
        assertTrue(tx.check().startsWith("balances hold"), tx.check());
        assertTrue(tx.throughput() > 0 && tx.p50() > 0 && tx.p99() >= tx.p50() && tx.max() >= tx.p99());
        assertTrue(out.toString().contains("warming up"), out.toString());
        assertTrue(out.toString().contains(" tx ") && out.toString().contains("/s p99"), out.toString());
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT bid) FROM pgbench_tellers");
            r.next();
            assertEquals(20, r.getInt(1));
            assertEquals(2, r.getInt(2));
            r = s.executeQuery("SELECT count(*) FROM pgbench_history");
            r.next();
            // the history has the measured transactions and those of the warm-up
            assertTrue(r.getLong(1) >= tx.operations());
        }
    }

    @Test
    void theCheckFailsWhenTheBalancesDisagree() {
        TpcbWorkload.Totals before = new TpcbWorkload.Totals(0, 0, 0, 0, 0);
        assertTrue(TpcbWorkload.check(before, new TpcbWorkload.Totals(7, 7, 7, 7, 2), 2, 7).startsWith("balances hold"));
        for (TpcbWorkload.Totals after : List.of(new TpcbWorkload.Totals(8, 7, 7, 7, 2),
                new TpcbWorkload.Totals(7, 6, 7, 7, 2), new TpcbWorkload.Totals(7, 7, 5, 7, 2),
                new TpcbWorkload.Totals(7, 7, 7, 9, 2), new TpcbWorkload.Totals(7, 7, 7, 7, 3))) {
            assertTrue(TpcbWorkload.check(before, after, 2, 7).startsWith(Workload.FAILED), after.toString());
        }
        // the clients' own record of what committed must agree too
        assertTrue(TpcbWorkload.check(before, new TpcbWorkload.Totals(7, 7, 7, 7, 2), 2, 8)
                .startsWith(Workload.FAILED));
    }

    @Test
    void aBalanceChangedWithoutHistoryIsCaughtInTheTables() throws Exception {
        Target target = H2.target();
        H2.Output out = new H2.Output();
        new TpcbWorkload(100).run(target, H2.options("tpcb", "--duration", "1", "--warmup", "0", "--clients", "1"),
                out.stream);
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            TpcbWorkload.Totals before = TpcbWorkload.Totals.read(c);
            s.executeUpdate("UPDATE pgbench_tellers SET tbalance = tbalance + 1 WHERE tid = 1");
            TpcbWorkload.Totals after = TpcbWorkload.Totals.read(c);
            assertTrue(TpcbWorkload.check(before, after, 0, 0).startsWith(Workload.FAILED));
        }
    }
}
