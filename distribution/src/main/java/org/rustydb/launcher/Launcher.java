package org.rustydb.launcher;

/**
 * Starts Felix main ({@code bin/felix.jar}) with no thread context class loader.
 *
 * <p>Felix never sets the context class loader, so every framework thread inherits the launcher's.
 * jline 3.24+ looks up its terminal providers (exec, jni) through the context class loader and
 * uses its own bundle's loader only when there is none; with the application class loader it finds
 * none of them and the Gogo console falls back to a dumb terminal without line editing.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Thread.currentThread().setContextClassLoader(null);
        org.apache.felix.main.Main.main(args);
    }
}
