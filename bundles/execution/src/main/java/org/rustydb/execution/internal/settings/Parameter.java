package org.rustydb.execution.internal.settings;

import java.util.Locale;
import java.util.function.Function;

import org.rustydb.spi.exec.SessionContext;

/**
 * A setting PostgreSQL has, as RustyDB knows it.
 *
 * @param name         the name as PostgreSQL spells it in SHOW ALL and column headers, e.g. {@code DateStyle}
 * @param kind         whether SET may change it
 * @param defaultValue the value when neither SET nor the client's startup packet gave one
 * @param check        turns a new value into its canonical form, or fails with PostgreSQL's error
 * @param computed     for settings that are derived from the session rather than stored, else null
 * @param list         how SET joins several values: PostgreSQL's GUC_LIST_INPUT and GUC_LIST_QUOTE
 * @param description  PostgreSQL's short description, for SHOW ALL
 * @param key          the key the session stores the value under: the name in lower case (kept, as
 *                     every statement reads a few settings and lower-casing each time showed)
 */
record Parameter(String name, Kind kind, String defaultValue, Check check, Function<SessionContext, String> computed,
                 ListForm list, String description, String key) {

    Parameter(String name, Kind kind, String defaultValue, Check check, Function<SessionContext, String> computed,
              ListForm list, String description) {
        this(name, kind, defaultValue, check, computed, list, description, name.toLowerCase(Locale.ROOT));
    }

    /** What SET and RESET may do with it. */
    enum Kind {
        /** Users set it. */
        USER,
        /** Fixed for the server or the session (55P02 on SET). */
        FIXED,
        /** PostgreSQL lets users set it, RustyDB does not act on a change yet (0A000 on SET). */
        NOT_YET
    }

    /** Whether SET takes several values, and whether strings among them are quoted as identifiers. */
    enum ListForm { SINGLE, LIST, QUOTED_LIST }

    /** Validates a new value and returns its canonical text. */
    @FunctionalInterface
    interface Check {
        /**
         * @param name    the name as the statement wrote it: PostgreSQL's errors about numbers,
         *                booleans and enumerations quote it so, others quote the setting's own name
         * @param value   the value SET or the startup packet gave
         * @param current the current canonical value, for settings whose parts default to it (DateStyle)
         * @param reset   the value RESET would restore, for settings that accept DEFAULT inside a value
         */
        String canonical(String name, String value, String current, String reset);
    }

    /** One object per setting: identity is equality, and the hash is the key's (cached by the string). */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }
}
