package org.rustydb.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host rules file, read again whenever its modification time or size changes (checked at each
 * connection, which costs one stat). A missing file means the built-in defaults
 * ({@link HbaRules#DEFAULT_TEXT}); a file with an invalid line is refused as a whole, as
 * PostgreSQL refuses it: the rules read before stay, and if there were none no client is let in.
 */
public final class HbaFile {
    private static final Logger LOG = LoggerFactory.getLogger(HbaFile.class);
    private static final HbaRules NONE = HbaRules.parse("");

    private final Path path;
    private Object stamp;
    private HbaRules current;

    public HbaFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The rules in force, reloading the file first if it changed. */
    public synchronized HbaRules rules() {
        Object now;
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            now = modified.toMillis() + "/" + Files.size(path);
        } catch (NoSuchFileException e) {
            now = "missing";
        } catch (IOException e) {
            now = "unreadable: " + e;
        }
        if (current != null && Objects.equals(now, stamp)) {
            return current;
        }
        stamp = now;
        current = load(current);
        return current;
    }

    private HbaRules load(HbaRules previous) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            LOG.info("no host rules file {}: password (SCRAM-SHA-256) logins from this machine only", path);
            return HbaRules.parse(HbaRules.DEFAULT_TEXT);
        } catch (IOException e) {
            LOG.error("cannot read the host rules file {}: {}; {}", path, e.toString(),
                    previous == null ? "no client can connect" : "the previous rules stay in force");
            return previous == null ? NONE : previous;
        }
        try {
            HbaRules rules = HbaRules.parse(text);
            LOG.info("host rules loaded from {}: {} rules", path, rules.rules().size());
            return rules;
        } catch (HbaRules.InvalidRule e) {
            LOG.error("invalid host rules file {}, {}; {}", path, e.getMessage(),
                    previous == null ? "no client can connect" : "the previous rules stay in force");
            return previous == null ? NONE : previous;
        }
    }
}
