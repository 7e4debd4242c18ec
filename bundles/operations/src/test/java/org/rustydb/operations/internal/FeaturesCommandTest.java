package org.rustydb.operations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

class FeaturesCommandTest {

    @Test
    void shippedListHasTheSixtySevenAreasOfFeaturesMd() {
        FeatureAreas areas = FeatureAreas.load();
        assertEquals(67, areas.areas().size());
        assertEquals(new FeatureAreas.Area(1, "error"), areas.areas().get(0));
        assertEquals(new FeatureAreas.Area(23, "api"), areas.areas().get(22));
        assertEquals(new FeatureAreas.Area(63, "operations"), areas.areas().get(62));
        assertEquals(new FeatureAreas.Area(67, "bench"), areas.areas().get(66));
    }

    @Test
    void mapsBundlesToAreas() {
        FeatureAreas areas = FeatureAreas.load();
        assertEquals(List.of("storage"), areas.areasOf(bundle("org.rustydb.storage.memory", null)));
        assertEquals(List.of("parser", "execution"), areas.areasOf(bundle("org.rustydb.execution", null)));
        assertEquals(List.of("error", "common"), areas.areasOf(bundle("org.rustydb.api", null)));
        assertEquals(List.of("kernel"), areas.areasOf(bundle("org.rustydb.kernel", null)));
        assertEquals(List.of("spatial"), areas.areasOf(bundle("org.rustydb.spatial", null)));
        assertEquals(List.of("audit", "compliance"), areas.areasOf(bundle("com.acme.audit", " audit , compliance")));
        assertEquals(List.of("monitoring"), areas.areasOf(bundle("org.rustydb.network", "monitoring")));
        assertEquals(List.of(), areas.areasOf(bundle("org.apache.felix.scr", null)));
    }

    @Test
    void listsEveryAreaThenOtherRustyDbBundles() {
        List<BundleInfo> bundles = List.of(
                new BundleInfo("org.apache.felix.scr", "2.2.18", "ACTIVE", null),
                new BundleInfo("org.rustydb.kernel", "0.1.0.SNAPSHOT", "ACTIVE", null),
                new BundleInfo("org.rustydb.api", "0.1.0.SNAPSHOT", "RESOLVED", null),
                new BundleInfo("org.rustydb.execution", "0.1.0.SNAPSHOT", "ACTIVE", null),
                new BundleInfo("org.rustydb.storage.memory", "0.1.0.SNAPSHOT", "INSTALLED", null));
        Output out = new Output();
        new FeaturesCommand(FeatureAreas.load(), () -> bundles).execute(List.of(), out.stream);
        List<String> lines = out.text().lines().toList();
        // area names are up to 20 wide (injection_prevention), bundle names 26 here
        assertEquals(" #  |         area         |           bundle           |     state     |    version",
                lines.get(0).stripTrailing());
        assertEquals(row("1", "error", "org.rustydb.api", "RESOLVED", "0.1.0.SNAPSHOT"), lines.get(2));
        assertEquals(row("2", "common", "org.rustydb.api", "RESOLVED", "0.1.0.SNAPSHOT"), lines.get(3));
        assertEquals(row("3", "storage", "org.rustydb.storage.memory", "INSTALLED", "0.1.0.SNAPSHOT"), lines.get(4));
        assertEquals(row("16", "parser", "org.rustydb.execution", "ACTIVE", "0.1.0.SNAPSHOT"), lines.get(17));
        assertEquals(row("17", "execution", "org.rustydb.execution", "ACTIVE", "0.1.0.SNAPSHOT"), lines.get(18));
        assertEquals(row("23", "api", "", "not installed", ""), lines.get(24));
        assertEquals(row("", "kernel", "org.rustydb.kernel", "ACTIVE", "0.1.0.SNAPSHOT"), lines.get(69));
        assertEquals("(5 of 67 feature areas installed)", lines.get(70));
        assertEquals(72, lines.size());
        assertTrue(lines.stream().noneMatch(l -> l.contains("felix")));
    }

    @Test
    void showsEveryBundleOfAnArea() {
        FeatureAreas areas = new FeatureAreas(List.of(new FeatureAreas.Area(1, "storage")), Map.of());
        List<BundleInfo> bundles = new ArrayList<>(List.of(
                new BundleInfo("org.rustydb.storage", "2.0.0", "ACTIVE", null),
                new BundleInfo("org.rustydb.storage.disk", "1.0.0", "RESOLVED", "storage")));
        Output out = new Output();
        new FeaturesCommand(areas, () -> bundles).execute(List.of(), out.stream);
        assertEquals("""
                 # |  area   |          bundle          |  state   | version\s
                ---+---------+--------------------------+----------+---------
                 1 | storage | org.rustydb.storage      | ACTIVE   | 2.0.0
                 1 | storage | org.rustydb.storage.disk | RESOLVED | 1.0.0
                (1 of 1 feature areas installed)

                """, out.text());
    }

    @Test
    void rejectsMalformedAreaList() {
        assertThrows(IOException.class,
                () -> FeatureAreas.parse(new StringReader("1 error extra\n"), new StringReader("")));
        assertThrows(IOException.class, () -> FeatureAreas.parse(new StringReader("x error\n"), new StringReader("")));
    }

    @Test
    void rejectsArguments() {
        DbException e = assertThrows(DbException.class, () -> new FeaturesCommand(FeatureAreas.load(), List::of)
                .execute(List.of("all"), new Output().stream));
        assertEquals("22023", e.sqlState());
    }

    private static String row(String number, String area, String bundle, String state, String version) {
        return String.format(" %-2s | %-20s | %-26s | %-13s | %s", number, area, bundle, state, version);
    }

    private static BundleInfo bundle(String bsn, String header) {
        return new BundleInfo(bsn, "1.0.0", "ACTIVE", header);
    }
}
