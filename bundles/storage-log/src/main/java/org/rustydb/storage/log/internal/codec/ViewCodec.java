package org.rustydb.storage.log.internal.codec;

import java.util.ArrayList;
import java.util.List;

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
            ValueCodec.writeColumnType(out, column);
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
            columns.add(ValueCodec.readColumnType(in));
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
