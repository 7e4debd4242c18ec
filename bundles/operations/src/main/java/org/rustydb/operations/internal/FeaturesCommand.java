package org.rustydb.operations.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.rustydb.spi.shell.ShellCommand;

/**
 * {@code rustydb:features}: one line per feature area with the bundle that implements it and that
 * bundle's state and version, or {@code not installed}; then RustyDB bundles outside the numbered
 * areas (the kernel, the api, plugins).
 */
public final class FeaturesCommand implements ShellCommand {
    private final FeatureAreas areas;
    private final Supplier<List<BundleInfo>> bundles;

    /**
     * @param areas   the feature areas and the bundle-to-area rules
     * @param bundles the bundles installed right now
     */
    public FeaturesCommand(FeatureAreas areas, Supplier<List<BundleInfo>> bundles) {
        this.areas = areas;
        this.bundles = bundles;
    }

    @Override
    public String name() {
        return "features";
    }

    @Override
    public String description() {
        return "Lists the RustyDB feature areas with their bundles' state and version";
    }

    @Override
    public void execute(List<String> arguments, PrintStream out) {
        Arguments.requireNone(name(), arguments);
        List<BundleInfo> installed = new ArrayList<>(bundles.get());
        installed.sort(Comparator.comparing(BundleInfo::symbolicName).thenComparing(BundleInfo::version));
        TableFormatter table = TableFormatter.leftAligned("#", "area", "bundle", "state", "version");
        Set<String> numbered = new HashSet<>();
        int present = 0;
        for (FeatureAreas.Area area : areas.areas()) {
            numbered.add(area.name());
            boolean found = false;
            for (BundleInfo bundle : installed) {
                if (areas.areasOf(bundle).contains(area.name())) {
                    table.addRow(Integer.toString(area.number()), area.name(), bundle.symbolicName(), bundle.state(),
                            bundle.version());
                    found = true;
                }
            }
            if (found) {
                present++;
            } else {
                table.addRow(Integer.toString(area.number()), area.name(), null, "not installed", null);
            }
        }
        List<String[]> others = new ArrayList<>();
        for (BundleInfo bundle : installed) {
            for (String area : areas.areasOf(bundle)) {
                if (!numbered.contains(area)) {
                    others.add(new String[] {null, area, bundle.symbolicName(), bundle.state(), bundle.version()});
                }
            }
        }
        others.sort(Comparator.comparing((String[] row) -> row[1]).thenComparing(row -> row[2]));
        others.forEach(table::addRow);
        table.lines().forEach(out::println);
        out.println("(" + present + " of " + areas.areas().size() + " feature areas installed)");
        out.println();
    }
}
