package org.rustydb.execution.internal.settings;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.exec.SessionContext;

/**
 * Makes setting changes transactional, as in PostgreSQL: a transaction that rolls back restores
 * the values it changed; one that commits keeps SET's values but ends SET LOCAL's (the value
 * becomes the last session-level SET of the transaction, or the one before it).
 *
 * <p>The record lives among the session's settings under a key no setting can have, so that it
 * needs nothing but strings from the kernel and survives an update of this bundle; it is small and
 * only exists while a transaction has changed settings. One entry per changed setting: its key,
 * its value before the transaction (null: not set), and the session-level value to keep at commit
 * if a plain SET or RESET ran.
 */
final class SettingsTransaction {
    /** NUL cannot be part of a setting name, so no setting collides with this key. */
    private static final String KEY = "\0settings-transaction";

    private record Entry(String key, String before, boolean sessionChanged, String sessionValue) {
    }

    private SettingsTransaction() {
    }

    /**
     * Records a change of {@code key} (from its current stored value) before it is made.
     *
     * @param local        true for SET LOCAL, which ends with the transaction
     * @param sessionValue for a session-level change, the stored value it leaves (null: reset)
     */
    static void recordChange(SessionContext session, String key, boolean local, String sessionValue) {
        List<Entry> entries = read(session);
        int at = indexOf(entries, key);
        if (at < 0) {
            entries.add(new Entry(key, session.setting(key), !local, local ? null : sessionValue));
        } else if (!local) {
            Entry e = entries.get(at);
            entries.set(at, new Entry(key, e.before(), true, sessionValue));
        }
        write(session, entries);
    }

    /** Ends the transaction's changes: kept (except SET LOCAL's) on commit, undone on rollback. */
    static void end(SessionContext session, boolean commit) {
        if (session.setting(KEY) == null) {
            return; // the common case: no setting changed
        }
        for (Entry e : read(session)) {
            session.setSetting(e.key(), commit && e.sessionChanged() ? e.sessionValue() : e.before());
        }
        session.setSetting(KEY, null);
    }

    private static int indexOf(List<Entry> entries, String key) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Entry> read(SessionContext session) {
        List<Entry> entries = new ArrayList<>();
        String text = session.setting(KEY);
        if (text == null) {
            return entries;
        }
        List<String> fields = Fields.decode(text);
        for (int i = 0; i + 3 < fields.size(); i += 4) {
            entries.add(new Entry(fields.get(i), fields.get(i + 1), "t".equals(fields.get(i + 2)), fields.get(i + 3)));
        }
        return entries;
    }

    private static void write(SessionContext session, List<Entry> entries) {
        List<String> fields = new ArrayList<>();
        for (Entry e : entries) {
            fields.add(e.key());
            fields.add(e.before());
            fields.add(e.sessionChanged() ? "t" : "f");
            fields.add(e.sessionValue());
        }
        session.setSetting(KEY, Fields.encode(fields));
    }

    /** Strings (null included) packed into one: each as "-" for null or "+length:text". */
    static final class Fields {
        private Fields() {
        }

        static String encode(List<String> fields) {
            StringBuilder out = new StringBuilder();
            for (String f : fields) {
                if (f == null) {
                    out.append('-');
                } else {
                    out.append('+').append(f.length()).append(':').append(f);
                }
            }
            return out.toString();
        }

        static List<String> decode(String text) {
            List<String> fields = new ArrayList<>();
            int p = 0;
            while (p < text.length()) {
                if (text.charAt(p) == '-') {
                    fields.add(null);
                    p++;
                } else {
                    int colon = text.indexOf(':', p);
                    int length = Integer.parseInt(text.substring(p + 1, colon));
                    fields.add(text.substring(colon + 1, colon + 1 + length));
                    p = colon + 1 + length;
                }
            }
            return fields;
        }
    }
}
