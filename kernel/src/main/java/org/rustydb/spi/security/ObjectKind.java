package org.rustydb.spi.security;

/** The kinds of objects privileges are kept for, as PostgreSQL's GRANT names them. */
public enum ObjectKind {
    /** A table or a view. */
    RELATION,
    /** A sequence: a relation too (same name space), with its own privileges. */
    SEQUENCE,
    SCHEMA,
    FUNCTION,
    DATABASE
}
