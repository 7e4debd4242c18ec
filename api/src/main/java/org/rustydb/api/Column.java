package org.rustydb.api;

import java.util.Objects;

/**
 * A column of a result: its name as the client sees it, its type, and the type modifier
 * (the declared n of {@code varchar(n)}, or -1 when there is none; front ends convert it to
 * their protocol's form).
 */
public record Column(String name, SqlType type, int typeModifier) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public Column(String name, SqlType type) {
        this(name, type, -1);
    }
}
