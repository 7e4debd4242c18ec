package org.rustydb.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

class AnalyticWorkloadTest {
    @Test
    void runsEveryQueryAndChecksItsResult() throws Exception {
        Target target = H2.target();
        H2.Output out = new H2.Output();
        List<PhaseResult> results = new AnalyticWorkload().run(target,
                H2.options("analytic", "--rows", "2000", "--join-rows", "2000", "--runs", "3", "--warmup-runs", "1"), out.stream);
        assertEquals(List.of("load", "group_by", "join_no_index", "join_index", "top_n", "window"),
                results.stream().map(PhaseResult::phase).toList());
        assertEquals(2000 + 2000 + 2 * 200, results.get(0).operations());
        for (PhaseResult r : results.subList(1, results.size())) {
            assertEquals(3, r.operations(), r.phase());
            assertEquals("result checked", r.check(), r.phase());
            assertTrue(r.p50() > 0 && r.max() >= r.p50(), r.toString());
        }
    }

    @Test
    void aWrongAnswerFailsTheQuery() throws Exception {
        Target target = H2.target();
        H2.Output out = new H2.Output();
        Options options = H2.options("analytic", "--rows", "1000", "--join-rows", "500", "--runs", "1", "--warmup-runs", "0");
        AnalyticWorkload workload = new AnalyticWorkload();
        workload.run(target, options, out.stream);
        // the same queries over the loaded tables with a row missing from b
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM b WHERE id = 1");
            for (AnalyticWorkload.Query q : AnalyticWorkload.queries()) {
                if (q.name().equals("join_no_index")) {
                    var r = s.executeQuery(q.sql());
                    r.next();
                    assertTrue(q.expectation().check(1000, 500, 1, r.getLong(1)) != null);
                }
            }
        }
        assertEquals(null, AnalyticWorkload.queries().get(4).expectation().check(1000, 500, 1, 1000));
        assertTrue(AnalyticWorkload.queries().get(0).expectation().check(1000, 500, 99, 0) != null);
    }
}
