package org.rustydb.storage.paged.internal.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The relations of the database, in memory, as versions of catalog tuples: a name can have a
 * committed version being dropped and a new one being created at the same time. Which version a
 * transaction sees is decided by the same visibility rule as for rows. Guarded by its own monitor.
 */
final class Catalog {
    private final Map<String, List<Relation>> versions = new HashMap<>();

    private static String key(String schema, String name) {
        return schema + '\u0000' + name;
    }

    synchronized List<Relation> versions(String schema, String name) {
        return new ArrayList<>(versions.getOrDefault(key(schema, name), List.of()));
    }

    synchronized void add(Relation relation) {
        versions.computeIfAbsent(key(relation.schema(), relation.name()), k -> new ArrayList<>()).add(relation);
    }

    synchronized void remove(Relation relation) {
        String k = key(relation.schema(), relation.name());
        List<Relation> list = versions.get(k);
        if (list != null) {
            list.remove(relation);
            if (list.isEmpty()) {
                versions.remove(k);
            }
        }
    }

    /** Every version of every relation of a schema. */
    synchronized List<Relation> inSchema(String schema) {
        List<Relation> out = new ArrayList<>();
        for (List<Relation> list : versions.values()) {
            for (Relation relation : list) {
                if (relation.schema().equals(schema)) {
                    out.add(relation);
                }
            }
        }
        return out;
    }

    synchronized List<PagedTable> tables() {
        List<PagedTable> out = new ArrayList<>();
        for (List<Relation> list : versions.values()) {
            for (Relation relation : list) {
                if (relation instanceof PagedTable table) {
                    out.add(table);
                }
            }
        }
        out.sort(Comparator.comparing(PagedTable::schema).thenComparing(PagedTable::name));
        return out;
    }

    synchronized List<PagedSequence> sequences() {
        List<PagedSequence> out = new ArrayList<>();
        for (List<Relation> list : versions.values()) {
            for (Relation relation : list) {
                if (relation instanceof PagedSequence sequence) {
                    out.add(sequence);
                }
            }
        }
        out.sort(Comparator.comparing(PagedSequence::schema).thenComparing(PagedSequence::name));
        return out;
    }

    synchronized List<PagedView> views() {
        List<PagedView> out = new ArrayList<>();
        for (List<Relation> list : versions.values()) {
            for (Relation relation : list) {
                if (relation instanceof PagedView view) {
                    out.add(view);
                }
            }
        }
        out.sort(Comparator.comparing(PagedView::schema).thenComparing(PagedView::name));
        return out;
    }

    /** The files of every table, index and sequence known: what orphan cleanup must keep. */
    synchronized Set<Integer> liveFiles() {
        Set<Integer> files = new HashSet<>();
        for (List<Relation> list : versions.values()) {
            for (Relation relation : list) {
                if (relation instanceof PagedTable table) {
                    files.add(table.record().heapFileId());
                    for (PagedIndex index : table.indexes()) {
                        files.add(index.fileId());
                    }
                } else if (relation instanceof PagedSequence sequence) {
                    files.add(sequence.fileId());
                }
            }
        }
        return files;
    }
}
