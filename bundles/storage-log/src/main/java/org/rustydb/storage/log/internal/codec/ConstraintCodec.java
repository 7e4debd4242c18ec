package org.rustydb.storage.log.internal.codec;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.TableDefinition;

/**
 * The binary form of a table's CHECK and FOREIGN KEY constraints. It is written apart from
 * {@link ValueCodec#writeDefinition}, after whatever else a record holds, so that records written
 * before constraints existed still read (each format says where the constraints are, if anywhere).
 *
 * <p>Layout: check count, then per check its name and expression text; foreign key count, then per
 * key its name, columns, referenced schema, table and columns, the ON DELETE and ON UPDATE actions
 * by name, and a flag byte (1 MATCH FULL, 2 DEFERRABLE, 4 INITIALLY DEFERRED).
 */
public final class ConstraintCodec {
    private static final int MATCH_FULL = 1;
    private static final int DEFERRABLE = 2;
    private static final int INITIALLY_DEFERRED = 4;

    private ConstraintCodec() {
    }

    /** CHECK and FOREIGN KEY constraints as read, before they are attached to a table. */
    public record Constraints(List<CheckConstraint> checks, List<ForeignKey> foreignKeys) {
    }

    public static void write(ByteWriter out, TableDefinition definition) {
        write(out, definition.checks(), definition.foreignKeys());
    }

    public static void write(ByteWriter out, List<CheckConstraint> checks, List<ForeignKey> foreignKeys) {
        out.writeVarLong(checks.size());
        for (CheckConstraint check : checks) {
            out.writeString(check.name());
            out.writeString(check.expression());
        }
        out.writeVarLong(foreignKeys.size());
        for (ForeignKey key : foreignKeys) {
            out.writeString(key.name());
            writeColumns(out, key.columns());
            out.writeString(key.referencedSchema());
            out.writeString(key.referencedTable());
            writeColumns(out, key.referencedColumns());
            // by name: enum constants keep their meaning, their order may change
            out.writeString(key.onDelete().name());
            out.writeString(key.onUpdate().name());
            out.writeByte((key.matchFull() ? MATCH_FULL : 0) | (key.deferrable() ? DEFERRABLE : 0)
                    | (key.initiallyDeferred() ? INITIALLY_DEFERRED : 0));
        }
    }

    /** Reads what {@link #write} wrote, returning {@code definition} with those constraints. */
    public static TableDefinition read(ByteReader in, TableDefinition definition) {
        Constraints constraints = read(in, definition.columns().size());
        return definition.withConstraints(constraints.checks(), constraints.foreignKeys());
    }

    /** Reads what {@link #write} wrote for a table of {@code columnCount} columns. */
    public static Constraints read(ByteReader in, int columnCount) {
        int checkCount = in.readLength();
        List<CheckConstraint> checks = new ArrayList<>(checkCount);
        for (int i = 0; i < checkCount; i++) {
            checks.add(new CheckConstraint(in.readString(), in.readString()));
        }
        int keyCount = in.readLength();
        List<ForeignKey> keys = new ArrayList<>(keyCount);
        for (int i = 0; i < keyCount; i++) {
            String name = in.readString();
            List<Integer> columns = readColumns(in, name, columnCount);
            String schema = in.readString();
            String table = in.readString();
            List<Integer> referenced = readColumns(in, name, Integer.MAX_VALUE);
            ForeignKey.Action onDelete = readAction(in, name);
            ForeignKey.Action onUpdate = readAction(in, name);
            int flags = in.readByte();
            if ((flags & ~(MATCH_FULL | DEFERRABLE | INITIALLY_DEFERRED)) != 0) {
                throw new CorruptDataException("bad flags " + flags + " of foreign key " + name);
            }
            try {
                keys.add(new ForeignKey(name, columns, schema, table, referenced, onDelete, onUpdate,
                        (flags & MATCH_FULL) != 0, (flags & DEFERRABLE) != 0, (flags & INITIALLY_DEFERRED) != 0));
            } catch (IllegalArgumentException e) {
                throw new CorruptDataException("foreign key " + name + ": " + e.getMessage());
            }
        }
        return new Constraints(checks, keys);
    }

    private static void writeColumns(ByteWriter out, List<Integer> columns) {
        out.writeVarLong(columns.size());
        for (int column : columns) {
            out.writeVarLong(column);
        }
    }

    private static List<Integer> readColumns(ByteReader in, String key, int columnCount) {
        int size = in.readLength();
        List<Integer> columns = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long column = in.readVarLong();
            if (column < 0 || column >= columnCount) {
                throw new CorruptDataException("foreign key " + key + " names column " + column);
            }
            columns.add((int) column);
        }
        return columns;
    }

    private static ForeignKey.Action readAction(ByteReader in, String key) {
        String action = in.readString();
        try {
            return ForeignKey.Action.valueOf(action);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("unknown action " + action + " of foreign key " + key);
        }
    }
}
