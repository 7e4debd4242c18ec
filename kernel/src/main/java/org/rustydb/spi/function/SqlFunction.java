package org.rustydb.spi.function;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.rustydb.api.SqlType;

/**
 * A scalar SQL function with one fixed signature; register one service per overload. While the
 * service is registered, SQL can call it by name; once it goes away, calls fail with 42883.
 *
 * <p>The executor resolves overloads as PostgreSQL does (exact match first, then implicit casts,
 * untyped literals fitting any parameter type) and converts arguments to {@link #parameterTypes()}
 * before calling {@link #invoke}. Implementations must be thread-safe. A call may happen once per
 * row, so side effects belong only to functions whose purpose they are (pg_cancel_backend).
 */
@ConsumerType
public interface SqlFunction {

    /** The name, lower case, e.g. {@code reverse}. */
    String name();

    /** The parameter types, in order. */
    List<SqlType> parameterTypes();

    /** The result type. */
    SqlType returnType();

    /**
     * True when a NULL argument makes the result NULL without calling {@link #invoke}, as for
     * PostgreSQL's STRICT functions.
     */
    default boolean isStrict() {
        return true;
    }

    /**
     * Computes the result. Arguments have the Java classes of {@link #parameterTypes()}; the
     * result must have the class of {@link #returnType()} or be null.
     *
     * @throws org.rustydb.api.DbException for bad input, with a fitting SQLSTATE
     */
    Object invoke(Object[] arguments);
}
