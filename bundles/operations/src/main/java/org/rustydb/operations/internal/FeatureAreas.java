package org.rustydb.operations.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The RustyDB feature areas and which bundle implements which. The lists live in resources of
 * this bundle ({@code feature-areas.txt}, {@code bundle-areas.properties}) so that they follow
 * FEATURES.md without code changes.
 *
 * <p>A bundle's areas come from its {@code RustyDB-Area} header when present, else from
 * {@code bundle-areas.properties}, else from its symbolic name {@code org.rustydb.<area>}. Bundles
 * outside {@code org.rustydb} without the header belong to no area.
 */
public final class FeatureAreas {
    private static final String PREFIX = "org.rustydb.";

    /** A feature area: its number in FEATURES.md and its name. */
    public record Area(int number, String name) {
    }

    private final List<Area> areas;
    private final Map<String, List<String>> bundleAreas;

    public FeatureAreas(List<Area> areas, Map<String, List<String>> bundleAreas) {
        this.areas = List.copyOf(areas);
        this.bundleAreas = Map.copyOf(bundleAreas);
    }

    /** The lists shipped in this bundle. */
    public static FeatureAreas load() {
        try (Reader areaText = resource("feature-areas.txt");
             Reader bundleText = resource("bundle-areas.properties")) {
            return parse(areaText, bundleText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the two lists; a malformed area line is a packaging bug and fails. */
    static FeatureAreas parse(Reader areaText, Reader bundleText) throws IOException {
        List<Area> areas = new ArrayList<>();
        BufferedReader reader = new BufferedReader(areaText);
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length != 2) {
                throw new IOException("bad feature area line: " + line);
            }
            try {
                areas.add(new Area(Integer.parseInt(parts[0]), parts[1]));
            } catch (NumberFormatException e) {
                throw new IOException("bad feature area line: " + line, e);
            }
        }
        Properties properties = new Properties();
        properties.load(bundleText);
        Map<String, List<String>> bundleAreas = new HashMap<>();
        for (String bsn : properties.stringPropertyNames()) {
            bundleAreas.put(bsn, split(properties.getProperty(bsn)));
        }
        return new FeatureAreas(areas, bundleAreas);
    }

    public List<Area> areas() {
        return areas;
    }

    /** The areas a bundle implements, empty for bundles that are not part of RustyDB. */
    public List<String> areasOf(BundleInfo bundle) {
        if (bundle.areaHeader() != null && !bundle.areaHeader().isBlank()) {
            return split(bundle.areaHeader());
        }
        List<String> known = bundleAreas.get(bundle.symbolicName());
        if (known != null) {
            return known;
        }
        if (bundle.symbolicName().startsWith(PREFIX) && bundle.symbolicName().length() > PREFIX.length()) {
            return List.of(bundle.symbolicName().substring(PREFIX.length()));
        }
        return List.of();
    }

    private static List<String> split(String value) {
        List<String> names = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                names.add(part.strip());
            }
        }
        return names;
    }

    private static Reader resource(String name) throws IOException {
        InputStream in = FeatureAreas.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource missing from the bundle: " + name);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
