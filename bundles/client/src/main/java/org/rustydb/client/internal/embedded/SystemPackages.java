package org.rustydb.client.internal.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.rustydb.api.Database;

/**
 * The packages the embedded framework's system bundle exports from the application's class path:
 * {@code org.rustydb.api}, shared with the driver, and slf4j, so that the bundles log to the
 * application's logging. Their versions come from the Export-Package headers of the jars that
 * provide them, or of their manifests kept under {@code META-INF/rustydb/exports/} by the
 * self-contained jar (whose own manifest is not theirs).
 */
final class SystemPackages {
    static final String EXPORTS = "META-INF/rustydb/exports/";
    private static final List<String> PACKAGES = List.of("org.rustydb.api", "org.slf4j", "org.slf4j.event",
            "org.slf4j.helpers", "org.slf4j.spi");

    private SystemPackages() {
    }

    static String extra() throws IOException {
        List<String> headers = new ArrayList<>();
        ClassLoader loader = SystemPackages.class.getClassLoader();
        Enumeration<URL> kept = loader.getResources(EXPORTS + "index");
        if (kept.hasMoreElements()) {
            for (String name : new String(kept.nextElement().openStream().readAllBytes()).split("\\s+")) {
                if (!name.isEmpty()) {
                    try (InputStream in = loader.getResourceAsStream(EXPORTS + name)) {
                        headers.add(new Manifest(in).getMainAttributes().getValue("Export-Package"));
                    }
                }
            }
        }
        headers.add(exportOf(Database.class));
        headers.add(exportOf(org.slf4j.LoggerFactory.class));
        List<String> exports = new ArrayList<>();
        for (String pkg : PACKAGES) {
            String version = null;
            for (String header : headers) {
                version = version != null ? version : version(header, pkg);
            }
            if (version == null) {
                throw new IOException("no version of package " + pkg + " on the class path");
            }
            exports.add(pkg + ";version=\"" + version + "\"");
        }
        return String.join(",", exports);
    }

    private static String exportOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || !source.getLocation().getPath().endsWith(".jar")) {
            return null;
        }
        try (JarFile jar = new JarFile(new java.io.File(source.getLocation().toURI()))) {
            Manifest manifest = jar.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
        } catch (IOException | java.net.URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The version attribute of a package's clause in an Export-Package header, or null. */
    static String version(String header, String pkg) {
        if (header == null) {
            return null;
        }
        for (String clause : clauses(header)) {
            String[] parts = clause.split(";");
            if (parts[0].trim().equals(pkg)) {
                for (String part : parts) {
                    String p = part.trim();
                    if (p.startsWith("version=")) {
                        return p.substring("version=".length()).replace("\"", "");
                    }
                }
                return "0.0.0";
            }
        }
        return null;
    }

    /** Splits a manifest header at the commas outside quotes. */
    private static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        clauses.add(current.toString());
        return clauses;
    }
}
