package org.rustydb.storage.memory.internal.durable;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.CorruptDataException;

/** The binary form of an index definition: name, column count, column positions, unique flag. */
final class IndexCodec {
    private IndexCodec() {
    }

    static void write(ByteWriter out, IndexDefinition definition) {
        out.writeString(definition.name());
        out.writeVarLong(definition.columns().size());
        for (int column : definition.columns()) {
            out.writeVarLong(column);
        }
        out.writeByte(definition.unique() ? 1 : 0);
    }

    static IndexDefinition read(ByteReader in) {
        String name = in.readString();
        int count = in.readLength();
        if (count == 0) {
            throw new CorruptDataException("index " + name + " without columns");
        }
        List<Integer> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long column = in.readVarLong();
            if (column < 0 || column > Integer.MAX_VALUE) {
                throw new CorruptDataException("bad column " + column + " of index " + name);
            }
            columns.add((int) column);
        }
        int unique = in.readByte();
        if (unique > 1) {
            throw new CorruptDataException("bad unique flag " + unique + " of index " + name);
        }
        return new IndexDefinition(name, columns, unique == 1);
    }
}
