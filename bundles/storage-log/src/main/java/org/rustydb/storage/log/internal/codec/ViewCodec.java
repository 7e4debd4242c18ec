package org.rustydb.storage.log.internal.codec;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ViewDefinition;

/** Writes and reads a view's definition, for the paged engine's catalog and the memory engine's log and snapshots. */
public final class ViewCodec {
    private ViewCodec() {
    }

    public static void write(ByteWriter out, ViewDefinition view) {
        out.writeString(view.schema());
        out.writeString(view.name());
        out.writeString(view.query());
        out.writeVarLong(view.columns().size());
        for (ColumnDefinition column : view.columns()) {
            out.writeString(column.name());
            // by name, as in table definitions: enum constants keep their meaning, their order may change
            out.writeString(column.type().name());
            out.writeZigZag(column.typeModifier());
        }
        out.writeVarLong(view.references().size());
        for (ViewDefinition.Reference reference : view.references()) {
            out.writeString(reference.schema());
            out.writeString(reference.name());
        }
    }

    public static ViewDefinition read(ByteReader in) {
        String schema = in.readString();
        String name = in.readString();
        String query = in.readString();
        int columnCount = in.readLength();
        List<ColumnDefinition> columns = new ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) {
            String columnName = in.readString();
            String typeName = in.readString();
            SqlType type;
            try {
                type = SqlType.valueOf(typeName);
            } catch (IllegalArgumentException e) {
                throw new CorruptDataException("unknown SQL type " + typeName + " of view column " + columnName);
            }
            long modifier = in.readZigZag();
            if (modifier != (int) modifier) {
                throw new CorruptDataException("type modifier out of range: " + modifier);
            }
            columns.add(new ColumnDefinition(columnName, type, (int) modifier, false));
        }
        int referenceCount = in.readLength();
        List<ViewDefinition.Reference> references = new ArrayList<>(referenceCount);
        for (int i = 0; i < referenceCount; i++) {
            references.add(new ViewDefinition.Reference(in.readString(), in.readString()));
        }
        try {
            return new ViewDefinition(schema, name, query, columns, references);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("view " + name + ": " + e.getMessage());
        }
    }
}
