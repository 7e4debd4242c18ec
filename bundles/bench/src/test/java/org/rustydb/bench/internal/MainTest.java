package org.rustydb.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @Test
    void comparesTwoTargetsAndWritesCsvAndSvg(@TempDir Path dir) throws Exception {
        H2.Output out = new H2.Output();
        H2.Output err = new H2.Output();
        Path csv = dir.resolve("out.csv");
        Path svg = dir.resolve("out.svg");
        int code = Main.run(List.of("--url", "one=" + H2.url(), "--url", "two=" + H2.url(), "--workload", "ycsb-b",
                "--records", "300", "--duration", "1", "--warmup", "0", "--clients", "2",
                "--csv", csv.toString(), "--svg", svg.toString()), out.stream, err.stream);
        assertEquals(0, code, out + "\n" + err);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 2 * 4, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("one,ycsb-b,load,row,300,0,0,"), lines.get(1));
        assertTrue(lines.get(5).startsWith("two,ycsb-b,load,"), lines.get(5));
        String chart = Files.readString(svg);
        assertTrue(chart.contains(">one<") && chart.contains(">two<") && chart.contains("ycsb-b: op/s"));
        assertTrue(out.toString().contains("bench: done"), out.toString());
    }

    @Test
    void anInMemoryH2DatabaseLivesThroughTheRun() throws Exception {
        H2.Output out = new H2.Output();
        H2.Output err = new H2.Output();
        assertEquals(0, Main.run(List.of("--url", "jdbc:h2:mem:vanishing", "--workload", "ycsb-c", "--records", "50",
                "--duration", "1", "--warmup", "0", "--clients", "1"), out.stream, err.stream), out.toString());
    }

    @Test
    void badOptionsExitWithTwoAndAFailedTargetWithOne() throws Exception {
        H2.Output out = new H2.Output();
        H2.Output err = new H2.Output();
        assertEquals(2, Main.run(List.of("--workload", "tpcb"), out.stream, err.stream));
        assertTrue(err.toString().contains("no target given") && err.toString().contains("usage:"), err.toString());
        // a database that cannot be reached: the run fails, it does not report results
        assertEquals(1, Main.run(List.of("--url", "jdbc:h2:./target/none;IFEXISTS=TRUE", "--workload", "ycsb-c",
                "--duration", "1"), out.stream, err.stream));
        assertTrue(out.toString().contains("ycsb-c failed") && out.toString().contains("bench: FAILED"),
                out.toString());
    }

    @Test
    void aFailedCheckFailsTheRun() throws Exception {
        H2.Output out = new H2.Output();
        Workload wrong = new Workload() {
            @Override
            public String name() {
                return "wrong";
            }

            @Override
            public List<PhaseResult> run(Target target, Options options, java.io.PrintStream print) {
                return List.of(PhaseResult.of(target.name(), name(), "x", "tx", new org.HdrHistogram.Histogram(3), 1,
                        0, 0, 1, Workload.FAILED + "sums differ"));
            }
        };
        Bench.Report report = Bench.run(List.of(H2.target()), List.of(wrong), H2.options("tpcb"), out.stream);
        assertTrue(!report.ok());
        assertTrue(out.toString().contains("check FAILED: sums differ"), out.toString());
    }
}
