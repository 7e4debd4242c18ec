package org.rustydb.client.internal.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

import org.rustydb.api.Column;
import org.rustydb.api.SqlType;

/**
 * The columns of a result as JDBC describes them, with pgjdbc's answers for type names, sizes and
 * classes. The engine does not say which table a column comes from, so table and schema names are
 * empty (as pgjdbc reports for computed columns) and nullability is unknown.
 */
final class JdbcResultSetMetaData implements ResultSetMetaData {
    private final List<Column> columns;

    JdbcResultSetMetaData(List<Column> columns) {
        this.columns = columns;
    }

    private Column column(int index) throws SQLException {
        Errors.checkColumnIndex(index, columns.size());
        return columns.get(index - 1);
    }

    @Override
    public int getColumnCount() {
        return columns.size();
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        column(column);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return column(column).type().isString();
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        column(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        column(column);
        return false;
    }

    @Override
    public int isNullable(int column) throws SQLException {
        column(column);
        return columnNullableUnknown;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return column(column).type().isNumeric();
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        return TypeSizes.displaySize(column(column));
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return column(column).name();
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return column(column).name();
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        column(column);
        return "";
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        return TypeSizes.precision(column(column));
    }

    @Override
    public int getScale(int column) throws SQLException {
        return TypeSizes.scale(column(column));
    }

    @Override
    public String getTableName(int column) throws SQLException {
        column(column);
        return "";
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        column(column);
        return "";
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return TypeNames.jdbcType(column(column).type());
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        SqlType type = column(column).type();
        return type == SqlType.CHAR ? "bpchar" : TypeNames.name(type);
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        column(column);
        return false;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        column(column);
        return true;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        column(column);
        return false;
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return TypeNames.className(column(column).type());
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
