package org.rustydb.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

class YcsbWorkloadTest {
    @Test
    void loadsThenRunsTheMixesAndReusesTheTable() throws Exception {
        Target target = H2.target();
        H2.Output out = new H2.Output();
        Options options = H2.options("ycsb-a", "--records", "500", "--clients", "2", "--duration", "1",
                "--warmup", "0", "--batch", "128");
        List<PhaseResult> a = new YcsbWorkload('a').run(target, options, out.stream);
        assertEquals(List.of("load", "read", "update", "all"), a.stream().map(PhaseResult::phase).toList());
        assertEquals(500, a.get(0).operations());
        PhaseResult reads = a.get(1);
        PhaseResult updates = a.get(2);
        assertTrue(reads.operations() > 10 && updates.operations() > 10, out.toString());
        assertEquals(0, reads.failed() + updates.failed(), out.toString());
        assertEquals(reads.operations() + updates.operations(), a.get(3).operations());
        double readShare = reads.operations() / (double) a.get(3).operations();
        assertTrue(readShare > 0.35 && readShare < 0.65, "read share " + readShare);
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT count(*), min(length(field9)), max(length(field9)) FROM usertable");
            r.next();
            assertEquals(500, r.getLong(1));
            assertEquals(YcsbWorkload.FIELD_LENGTH, r.getInt(2));
            assertEquals(YcsbWorkload.FIELD_LENGTH, r.getInt(3));
            r = s.executeQuery("SELECT count(*) FROM usertable WHERE ycsb_key = '" + YcsbWorkload.key(0) + "'");
            r.next();
            assertEquals(1, r.getLong(1));
        }

        List<PhaseResult> c = new YcsbWorkload('c').run(target, options, out.stream);
        assertEquals(List.of("load", "read", "all"), c.stream().map(PhaseResult::phase).toList());
        assertEquals(0, c.get(0).operations());
        assertEquals("reused the loaded table", c.get(0).check());
        assertTrue(c.get(1).operations() > 10);
    }

    @Test
    void aMissingRecordIsAFailedRead() throws Exception {
        Target target = H2.target();
        H2.Output out = new H2.Output();
        Options options = H2.options("ycsb-c", "--records", "50", "--clients", "1", "--duration", "1",
                "--warmup", "0");
        new YcsbWorkload('c').run(target, options, out.stream);
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            // the hottest key gone: the table no longer holds the records the reads expect
            s.executeUpdate("DELETE FROM usertable WHERE ycsb_key = '"
                    + YcsbWorkload.key(Math.floorMod(ScrambledZipfianGenerator.fnvHash64(0), 50)) + "'");
            s.executeUpdate("INSERT INTO usertable (ycsb_key) VALUES ('filler')");
        }
        List<PhaseResult> results = new YcsbWorkload('c').run(target, options, out.stream);
        assertTrue(results.get(1).failed() > 0, out.toString());
        assertTrue(out.toString().contains("not found"), out.toString());
    }
}
