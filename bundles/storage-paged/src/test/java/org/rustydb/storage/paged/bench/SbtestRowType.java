package org.rustydb.storage.paged.bench;

import java.nio.ByteBuffer;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The sbtest row as an MVStore value: {@code {Long id, Integer k, String c, String pad}} written
 * as var-long, var-int and two length-prefixed strings. A typed codec like ours rather than H2's
 * generic {@code ObjectDataType}, which tags every value and names the array's class, so MVStore
 * is not handicapped by serialisation overhead our engine does not pay.
 */
final class SbtestRowType extends BasicDataType<Object[]> {
    static final SbtestRowType INSTANCE = new SbtestRowType();

    @Override
    public int getMemory(Object[] row) {
        // only the cache's accounting: the array, two boxes, two strings at two bytes a char (worst case)
        return 160 + 2 * (Workload.C_LENGTH + Workload.PAD_LENGTH);
    }

    @Override
    public void write(WriteBuffer buffer, Object[] row) {
        buffer.putVarLong((Long) row[0]).putVarInt((Integer) row[1]);
        putString(buffer, (String) row[2]);
        putString(buffer, (String) row[3]);
    }

    private static void putString(WriteBuffer buffer, String s) {
        buffer.putVarInt(s.length()).putStringData(s, s.length());
    }

    @Override
    public Object[] read(ByteBuffer buffer) {
        long id = DataUtils.readVarLong(buffer);
        int k = DataUtils.readVarInt(buffer);
        return new Object[] {id, k, DataUtils.readString(buffer), DataUtils.readString(buffer)};
    }

    @Override
    public Object[][] createStorage(int size) {
        return new Object[size][];
    }
}
