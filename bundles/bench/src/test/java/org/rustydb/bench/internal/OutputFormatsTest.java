package org.rustydb.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class OutputFormatsTest {
    private static PhaseResult result(String target, String workload, String phase, String unit, long ops,
            double seconds, long... micros) {
        Histogram h = new Histogram(3);
        for (long m : micros) {
            h.recordValue(m);
        }
        return PhaseResult.of(target, workload, phase, unit, h, ops, 1, 2, seconds, "ok, \"quoted\"");
    }

    @Test
    void percentilesAndThroughputComeFromTheHistogram() {
        long[] micros = new long[100];
        for (int i = 0; i < 100; i++) {
            micros[i] = (i + 1) * 1000L; // 1..100 ms
        }
        PhaseResult r = result("pg", "tpcb", "transaction", "tx", 100, 4, micros);
        assertEquals(25.0, r.throughput(), 1e-9);
        assertEquals(50, r.p50(), 0.1);
        assertEquals(95, r.p95(), 0.1);
        assertEquals(99, r.p99(), 0.1);
        assertEquals(100, r.max(), 0.1);
        assertEquals(50.5, r.mean(), 0.1);
        PhaseResult none = result("pg", "tpcb", "transaction", "tx", 0, 0);
        assertEquals(0, none.throughput());
        assertEquals(0, none.p99());
    }

    @Test
    void csvHasOneQuotedRowPerResult() throws Exception {
        StringWriter w = new StringWriter();
        CsvWriter.write(List.of(result("a,b", "ycsb-a", "read", "op", 10, 2, 1500),
                result("h2", "ycsb-a", "read", "op", 20, 2, 2500)), w);
        String[] lines = w.toString().split("\r\n");
        assertEquals(3, lines.length);
        assertEquals(CsvWriter.HEADER, lines[0]);
        assertEquals("\"a,b\",ycsb-a,read,op,10,1,2,2.000,5.000,1.500,1.500,1.500,1.500,1.500,\"ok, \"\"quoted\"\"\"",
                lines[1]);
        assertEquals(15, CsvWriter.HEADER.split(",").length);
    }

    @Test
    void svgGroupsBarsByPhaseWithOneBarPerTarget() throws Exception {
        List<PhaseResult> results = List.of(
                result("rusty<db>", "tpcb", "init", "row", 1000, 2, 500),
                result("rusty<db>", "tpcb", "transaction", "tx", 600, 2, 900),
                result("pg", "tpcb", "init", "row", 3000, 2, 100),
                result("pg", "tpcb", "transaction", "tx", 800, 2, 700),
                result("pg", "analytic", "window", "run", 3, 1, 20_000, 30_000, 40_000),
                result("pg", "ycsb-c", "load", "row", 0, 0));
        List<SvgChart.Panel> panels = SvgChart.panels(results);
        assertEquals(List.of("tpcb: row/s (higher is better)", "tpcb: tx/s (higher is better)",
                "analytic: median ms per run (lower is better)"), panels.stream().map(SvgChart.Panel::title).toList());
        assertEquals(300.0, panels.get(1).groups().get("transaction").get("rusty<db>"));
        assertEquals(30.0, panels.get(2).groups().get("window").get("pg"), 0.1);

        String svg = SvgChart.render(results);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        NodeList rects = doc.getElementsByTagName("rect");
        int bars = 0;
        double tallest = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.getElementsByTagName("title").getLength() > 0) {
                bars++;
                tallest = Math.max(tallest, Double.parseDouble(rect.getAttribute("height")));
            }
        }
        assertEquals(5, bars); // 2 + 2 + 1; the empty reused load has none
        assertTrue(tallest <= 180.0 && tallest > 0);
        assertTrue(svg.contains("rusty&lt;db&gt;"));
        assertFalse(svg.contains("ycsb-c"));
    }

    @Test
    void niceScales() {
        assertEquals(1, SvgChart.niceCeiling(0));
        assertEquals(1000, SvgChart.niceCeiling(1000));
        assertEquals(2000, SvgChart.niceCeiling(1001));
        assertEquals(2.5, SvgChart.niceCeiling(2.2), 1e-9);
        assertEquals(50, SvgChart.niceCeiling(31), 1e-9);
    }

    @Test
    void tableAlignsColumns() {
        H2.Output out = new H2.Output();
        ResultTable.print(List.of(result("pg", "tpcb", "transaction", "tx", 1234, 2, 1000)), out.stream);
        String[] lines = out.toString().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("target  workload  phase"), lines[0]);
        assertTrue(lines[1].contains("1234") && lines[1].contains("617.0 tx"), lines[1]);
        assertEquals(lines[0].indexOf("workload"), lines[1].indexOf("tpcb"));
    }
}
