package org.rustydb.execution.internal.catalog;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.DataType;

/**
 * The types of catalog columns. PostgreSQL's oid, name, "char", xid and int2vector types do not
 * exist here, so they are carried by the nearest type: an oid is an integer (every oid given out
 * is below 2^31), a name or "char" is text, an int2vector or oidvector an array.
 */
final class CatalogTypes {
    static final DataType OID = DataType.INTEGER;
    static final DataType NAME = DataType.TEXT;
    static final DataType CHAR = DataType.TEXT;
    static final DataType TEXT = DataType.TEXT;
    static final DataType BOOL = DataType.BOOLEAN;
    static final DataType INT2 = DataType.SMALLINT;
    static final DataType INT4 = DataType.INTEGER;
    static final DataType INT8 = DataType.BIGINT;
    static final DataType FLOAT4 = new DataType(SqlType.REAL, -1);
    static final DataType INT2_ARRAY = new DataType(SqlType.SMALLINT_ARRAY, -1);
    static final DataType OID_ARRAY = new DataType(SqlType.INTEGER_ARRAY, -1);
    static final DataType TEXT_ARRAY = new DataType(SqlType.TEXT_ARRAY, -1);
    static final DataType TIMESTAMPTZ = DataType.TIMESTAMPTZ;

    private CatalogTypes() {
    }
}
