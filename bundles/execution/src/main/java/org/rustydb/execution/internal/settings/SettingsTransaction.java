package org.rustydb.execution.internal.settings;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

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
 *
 * <p>Savepoints nest as PostgreSQL's subtransactions do: a change made while savepoints are set
 * also records, in the newest savepoint's level (under a second key), the value and the entry the
 * setting had before its first change since that savepoint. ROLLBACK TO puts them back (an error
 * inside a savepoint does the same for the newest level at once, as PostgreSQL aborts the
 * subtransaction), RELEASE hands them to the level below where it has none of its own. The
 * transaction tells {@link SettingsSavepoints}, enlisted at the first such change, of each level.
 */
final class SettingsTransaction {
    /** NUL cannot be part of a setting name, so no setting collides with this key. */
    private static final String KEY = "\0settings-transaction";
    /** The savepoint levels, outermost first: what to restore when rolling back to each. */
    private static final String LEVELS_KEY = "\0settings-savepoints";

    private record Entry(String key, String before, boolean sessionChanged, String sessionValue) {
    }

    /** A setting as it was before its first change since a savepoint: its value and entry (null: none). */
    private record Saved(String key, String value, Entry entry) {
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
        Transaction open = session.openTransaction();
        if (open != null && open.hasSavepoints()) {
            open.enlist(new SettingsSavepoints(session)); // tells it of every savepoint set so far
            List<List<Saved>> levels = readLevels(session);
            List<Saved> newest = levels.get(levels.size() - 1);
            if (newest.stream().noneMatch(saved -> saved.key().equals(key))) {
                newest.add(new Saved(key, session.setting(key), at < 0 ? null : entries.get(at)));
                writeLevels(session, levels);
            }
        }
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
        if (session.setting(LEVELS_KEY) != null) {
            session.setSetting(LEVELS_KEY, null);
        }
        if (session.setting(KEY) == null) {
            return; // the common case: no setting changed
        }
        for (Entry e : read(session)) {
            session.setSetting(e.key(), commit && e.sessionChanged() ? e.sessionValue() : e.before());
        }
        session.setSetting(KEY, null);
    }

    /** A savepoint at {@code level} (1 for the outermost) was set. */
    static void savepoint(SessionContext session, int level) {
        List<List<Saved>> levels = readLevels(session);
        while (levels.size() < level) {
            levels.add(new ArrayList<>());
        }
        writeLevels(session, levels);
    }

    /** ROLLBACK TO the savepoint at {@code level}: the changes since it are undone; it stays, empty. */
    static void rollbackTo(SessionContext session, int level) {
        List<List<Saved>> levels = readLevels(session);
        if (levels.size() < level) {
            return;
        }
        List<Entry> entries = read(session);
        for (int i = levels.size() - 1; i >= level - 1; i--) {
            List<Saved> saved = levels.get(i);
            for (int j = saved.size() - 1; j >= 0; j--) {
                restore(session, entries, saved.get(j));
            }
        }
        levels.subList(level - 1, levels.size()).clear();
        levels.add(new ArrayList<>());
        write(session, entries);
        writeLevels(session, levels);
    }

    /** RELEASE of the savepoint at {@code level}: its changes and later ones now belong to the level below. */
    static void release(SessionContext session, int level) {
        List<List<Saved>> levels = readLevels(session);
        if (levels.size() < level) {
            return;
        }
        if (level > 1) {
            List<Saved> below = levels.get(level - 2);
            for (List<Saved> released : levels.subList(level - 1, levels.size())) {
                for (Saved saved : released) {
                    if (below.stream().noneMatch(b -> b.key().equals(saved.key()))) {
                        below.add(saved);
                    }
                }
            }
        }
        levels.subList(level - 1, levels.size()).clear();
        writeLevels(session, levels);
    }

    /**
     * An error while savepoints are set: PostgreSQL aborts the newest subtransaction at once, so
     * the changes since the newest savepoint are undone; earlier ones wait for ROLLBACK TO or the
     * end of the transaction.
     */
    static void abortNewest(SessionContext session) {
        List<List<Saved>> levels = readLevels(session);
        if (!levels.isEmpty()) {
            rollbackTo(session, levels.size());
        }
    }

    private static void restore(SessionContext session, List<Entry> entries, Saved saved) {
        session.setSetting(saved.key(), saved.value());
        int at = indexOf(entries, saved.key());
        if (at >= 0) {
            entries.remove(at);
        }
        if (saved.entry() != null) {
            entries.add(saved.entry());
        }
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
            addEntry(fields, e);
        }
        session.setSetting(KEY, entries.isEmpty() ? null : Fields.encode(fields));
    }

    private static void addEntry(List<String> fields, Entry e) {
        fields.add(e.key());
        fields.add(e.before());
        fields.add(e.sessionChanged() ? "t" : "f");
        fields.add(e.sessionValue());
    }

    /** Each level as its count, then per saved setting its key, value and entry (a flag, then four fields). */
    private static List<List<Saved>> readLevels(SessionContext session) {
        List<List<Saved>> levels = new ArrayList<>();
        String text = session.setting(LEVELS_KEY);
        if (text == null) {
            return levels;
        }
        List<String> fields = Fields.decode(text);
        int p = 0;
        while (p < fields.size()) {
            int count = Integer.parseInt(fields.get(p++));
            List<Saved> level = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = fields.get(p);
                String value = fields.get(p + 1);
                Entry entry = "t".equals(fields.get(p + 2))
                        ? new Entry(fields.get(p + 3), fields.get(p + 4), "t".equals(fields.get(p + 5)), fields.get(p + 6))
                        : null;
                level.add(new Saved(key, value, entry));
                p += 7;
            }
            levels.add(level);
        }
        return levels;
    }

    private static void writeLevels(SessionContext session, List<List<Saved>> levels) {
        List<String> fields = new ArrayList<>();
        for (List<Saved> level : levels) {
            fields.add(Integer.toString(level.size()));
            for (Saved saved : level) {
                fields.add(saved.key());
                fields.add(saved.value());
                if (saved.entry() == null) {
                    fields.add("f");
                    fields.add(null);
                    fields.add(null);
                    fields.add(null);
                    fields.add(null);
                } else {
                    fields.add("t");
                    addEntry(fields, saved.entry());
                }
            }
        }
        session.setSetting(LEVELS_KEY, levels.isEmpty() ? null : Fields.encode(fields));
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
