package org.rustydb.bench.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The results as an SVG chart: one panel per workload and unit, in it one group of bars per phase
 * or query and one bar per target, so targets compare side by side. Throughput is charted for
 * timed phases and loads (higher is better), the median time for query runs (lower is better).
 * Results without operations (a reused load) are left out.
 */
public final class SvgChart {
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
        "#b07aa1", "#ff9da7"};
    private static final int WIDTH = 960;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int PLOT_HEIGHT = 180;
    private static final int PANEL_HEIGHT = PLOT_HEIGHT + 80;
    private static final int LEGEND_HEIGHT = 40;

    private SvgChart() {
    }

    /** One panel: its title and, per group (phase), the value of each target. */
    record Panel(String title, Map<String, Map<String, Double>> groups) {
    }

    static List<Panel> panels(List<PhaseResult> results) {
        Map<String, Panel> panels = new LinkedHashMap<>();
        for (PhaseResult r : results) {
            if (r.operations() == 0) {
                continue;
            }
            boolean latency = r.unit().equals("run");
            String title = r.workload() + ": " + (latency ? "median ms per run (lower is better)"
                    : r.unit() + "/s (higher is better)");
            panels.computeIfAbsent(title, t -> new Panel(t, new LinkedHashMap<>())).groups()
                    .computeIfAbsent(r.phase(), p -> new LinkedHashMap<>())
                    .put(r.target(), latency ? r.p50() : r.throughput());
        }
        return List.copyOf(panels.values());
    }

    public static String render(List<PhaseResult> results) {
        Set<String> targets = new LinkedHashSet<>();
        results.forEach(r -> targets.add(r.target()));
        List<String> targetList = new ArrayList<>(targets);
        List<Panel> panels = panels(results);
        int height = LEGEND_HEIGHT + Math.max(1, panels.size()) * PANEL_HEIGHT;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        int x = LEFT;
        for (int t = 0; t < targetList.size(); t++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"14\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"24\">%s</text>%n", x, color(t), x + 16, escape(targetList.get(t))));
            x += 16 + 7 * targetList.get(t).length() + 24;
        }
        if (panels.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no results</text>%n", LEFT,
                    LEGEND_HEIGHT + 20));
        }
        int top = LEGEND_HEIGHT;
        for (Panel panel : panels) {
            panel(svg, panel, targetList, top);
            top += PANEL_HEIGHT;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, Panel panel, List<String> targets, int top) {
        double max = 0;
        for (Map<String, Double> values : panel.groups().values()) {
            for (double v : values.values()) {
                max = Math.max(max, v);
            }
        }
        double scale = niceCeiling(max);
        int plotTop = top + 30;
        int plotBottom = plotTop + PLOT_HEIGHT;
        int plotWidth = WIDTH - LEFT - RIGHT;
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
                LEFT, top + 18, escape(panel.title())));
        for (int i = 0; i <= 4; i++) {
            double value = scale * i / 4;
            double y = plotBottom - PLOT_HEIGHT * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, LEFT + plotWidth, y,
                    LEFT - 6, y + 4, label(value)));
        }
        int groups = panel.groups().size();
        double groupWidth = (double) plotWidth / groups;
        double barWidth = groupWidth * 0.8 / Math.max(1, targets.size());
        int g = 0;
        for (Map.Entry<String, Map<String, Double>> group : panel.groups().entrySet()) {
            double groupLeft = LEFT + g * groupWidth + groupWidth * 0.1;
            for (int t = 0; t < targets.size(); t++) {
                Double value = group.getValue().get(targets.get(t));
                if (value == null) {
                    continue;
                }
                double h = scale > 0 ? PLOT_HEIGHT * value / scale : 0;
                double bx = groupLeft + t * barWidth;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                        + " fill=\"%s\"><title>%s %s: %s</title></rect>%n", bx, plotBottom - h, barWidth * 0.95, h,
                        color(t), escape(targets.get(t)), escape(group.getKey()), label(value)));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\""
                        + " font-size=\"9\">%s</text>%n", bx + barWidth * 0.475, plotBottom - h - 3, label(value)));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    LEFT + g * groupWidth + groupWidth / 2, plotBottom + 16, escape(group.getKey())));
            g++;
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, plotBottom, LEFT + plotWidth, plotBottom));
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code max}. */
    static double niceCeiling(double max) {
        if (max <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= max) {
                return step * power;
            }
        }
        return 10 * power;
    }

    static String label(double value) {
        if (value >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String color(int index) {
        return COLORS[index % COLORS.length];
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
