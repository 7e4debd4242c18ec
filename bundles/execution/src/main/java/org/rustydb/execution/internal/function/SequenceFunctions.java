package org.rustydb.execution.internal.function;

import org.rustydb.execution.internal.privilege.AccessControl;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privilege;
import org.rustydb.spi.security.Privileges;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.SequenceHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * nextval, currval, setval and lastval, bound to the calling session and statement transaction.
 * The session's last values live among its strings under keys no setting can have (as the
 * settings' transaction record does): unlike settings they are not undone by a rollback, as in
 * PostgreSQL.
 */
public final class SequenceFunctions {
    private static final String CURRVAL = "\0currval:";
    private static final String LASTVAL = "\0lastval";

    private SequenceFunctions() {
    }

    /** The overloads of {@code name}; empty when it is none of these. */
    /** Set while an identity column's default is bound: its nextval asks for no privilege, as PostgreSQL's. */
    private static final ThreadLocal<Boolean> IDENTITY = ThreadLocal.withInitial(() -> false);

    /** Binds an identity column's default: the sequence is the column's, used without a privilege of its own. */
    public static <T> T forIdentity(java.util.function.Supplier<T> bind) {
        boolean previous = IDENTITY.get();
        IDENTITY.set(true);
        try {
            return bind.get();
        } finally {
            IDENTITY.set(previous);
        }
    }

    public static List<SqlFunction> overloads(SessionContext session, Transaction txn, String name) {
        boolean checked = !IDENTITY.get();
        return switch (name) {
            case "nextval" -> List.of(new BuiltinFunction(name, List.of(SqlType.TEXT), SqlType.BIGINT,
                    a -> nextval(session, txn, (String) a[0], checked)));
            case "currval" -> List.of(new BuiltinFunction(name, List.of(SqlType.TEXT), SqlType.BIGINT,
                    a -> currval(session, txn, (String) a[0])));
            case "lastval" -> List.of(new BuiltinFunction(name, List.of(), SqlType.BIGINT, a -> lastval(session)));
            case "setval" -> List.of(
                    new BuiltinFunction(name, List.of(SqlType.TEXT, SqlType.BIGINT), SqlType.BIGINT,
                            a -> setval(session, txn, (String) a[0], (Long) a[1], true)),
                    new BuiltinFunction(name, List.of(SqlType.TEXT, SqlType.BIGINT, SqlType.BOOLEAN), SqlType.BIGINT,
                            a -> setval(session, txn, (String) a[0], (Long) a[1], (Boolean) a[2])));
            default -> List.of();
        };
    }

    /** nextval as a column default calls it; also used by INSERT for serial and identity columns. */
    public static long nextval(SessionContext session, Transaction txn, String name) {
        return nextval(session, txn, name, true);
    }

    private static long nextval(SessionContext session, Transaction txn, String name, boolean checked) {
        SequenceHandle sequence = resolve(session, txn, name);
        if (checked) {
            checkAny(session, txn, sequence.definition(), Privilege.USAGE, Privilege.UPDATE);
        }
        long value = session.storage().nextValue(txn, sequence);
        remember(session, sequence.definition(), value);
        return value;
    }

    private static long currval(SessionContext session, Transaction txn, String name) {
        SequenceDefinition d = resolve(session, txn, name).definition();
        checkAny(session, txn, d, Privilege.SELECT, Privilege.USAGE);
        String value = session.setting(CURRVAL + d.schema() + "." + d.name());
        if (value == null) {
            throw DbException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "currval of sequence \"%s\" is not yet defined in this session", d.name());
        }
        return Long.parseLong(value);
    }

    private static long lastval(SessionContext session) {
        String value = session.setting(LASTVAL);
        if (value == null) {
            throw DbException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "lastval is not yet defined in this session");
        }
        return Long.parseLong(value);
    }

    private static long setval(SessionContext session, Transaction txn, String name, long value, boolean called) {
        SequenceHandle sequence = resolve(session, txn, name);
        SequenceDefinition d = sequence.definition();
        checkAny(session, txn, d, Privilege.UPDATE);
        if (value < d.minValue() || value > d.maxValue()) {
            throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "setval: value %d is out of bounds for sequence \"%s\" (%d..%d)", value, d.name(), d.minValue(),
                    d.maxValue());
        }
        session.storage().setValue(txn, sequence, value, called);
        if (called) {
            // PostgreSQL's setval sets currval only when is_called, and never lastval
            session.setSetting(CURRVAL + d.schema() + "." + d.name(), Long.toString(value));
        }
        return value;
    }

    /** 42501 unless the role holds one of the privileges on the sequence, as PostgreSQL's sequence functions ask. */
    private static void checkAny(SessionContext session, Transaction txn, SequenceDefinition d, Privilege... any) {
        Privileges view = AccessControl.view(session, txn);
        if (view == null) {
            return;
        }
        ObjectRef ref = ObjectRef.sequence(d.schema(), d.name());
        for (Privilege p : any) {
            if (view.has(session.user(), ref, p.bit())) {
                return;
            }
        }
        throw AccessControl.denied("sequence", d.name());
    }

    private static void remember(SessionContext session, SequenceDefinition d, long value) {
        session.setSetting(CURRVAL + d.schema() + "." + d.name(), Long.toString(value));
        session.setSetting(LASTVAL, Long.toString(value));
    }

    /** Finds a sequence named as regclass input names it: {@code s}, {@code schema.s}, quoted parts kept as written. */
    public static SequenceHandle resolve(SessionContext session, Transaction txn, String text) {
        List<String> parts = parts(text);
        List<String> schemas = parts.size() == 1 ? SearchPath.lookupSchemas(session, txn)
                : SearchPath.qualified(session, txn, parts.get(0));
        String name = parts.get(parts.size() - 1);
        for (String schema : schemas) {
            var found = session.storage().findSequence(txn, schema, name);
            if (found.isPresent()) {
                return found.get();
            }
        }
        if (parts.size() == 2 && schemas.isEmpty()) {
            throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", parts.get(0));
        }
        for (String schema : schemas) {
            if (session.storage().findTable(txn, schema, name).isPresent()) {
                throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a sequence", name);
            }
        }
        throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", text);
    }

    /** Splits a possibly qualified, possibly quoted name; unquoted parts are folded to lower case. */
    static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    part.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == '.') {
                parts.add(part.toString());
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(wasQuoted ? c : Character.toLowerCase(c));
            }
        }
        parts.add(part.toString());
        if (quoted || parts.size() > 3 || parts.stream().anyMatch(String::isEmpty)) {
            throw DbException.of(SqlState.INVALID_NAME, "invalid name syntax");
        }
        if (parts.size() == 3) {
            parts.remove(0);
        }
        return parts;
    }
}
