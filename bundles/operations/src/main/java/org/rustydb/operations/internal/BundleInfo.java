package org.rustydb.operations.internal;

import java.util.Objects;

/**
 * What {@code rustydb:features} needs to know of an installed bundle, copied out of the framework
 * so that the command can be tested without one.
 *
 * @param symbolicName the Bundle-SymbolicName
 * @param version      the bundle version as text
 * @param state        the state name, e.g. ACTIVE or RESOLVED
 * @param areaHeader   the value of the RustyDB-Area manifest header, or null
 */
public record BundleInfo(String symbolicName, String version, String state, String areaHeader) {
    /** The manifest header naming the feature areas a bundle implements, comma-separated. */
    public static final String AREA_HEADER = "RustyDB-Area";

    public BundleInfo {
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
    }
}
