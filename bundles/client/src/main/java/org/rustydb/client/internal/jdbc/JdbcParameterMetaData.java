package org.rustydb.client.internal.jdbc;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;

import org.rustydb.api.Column;
import org.rustydb.api.SqlType;

/** The parameter types the engine deduced (or was given) when it prepared the statement. */
final class JdbcParameterMetaData implements ParameterMetaData {
    private final List<SqlType> types;

    JdbcParameterMetaData(List<SqlType> types) {
        this.types = types;
    }

    private SqlType type(int param) throws SQLException {
        if (param < 1 || param > types.size()) {
            throw new SQLException("The parameter index is out of range: " + param + ", number of parameters: "
                    + types.size() + ".", "22023");
        }
        return types.get(param - 1);
    }

    @Override
    public int getParameterCount() {
        return types.size();
    }

    @Override
    public int isNullable(int param) throws SQLException {
        type(param);
        return parameterNullableUnknown;
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        return type(param).isNumeric();
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        return TypeSizes.precision(new Column("", type(param)));
    }

    @Override
    public int getScale(int param) throws SQLException {
        return TypeSizes.scale(new Column("", type(param)));
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        return TypeNames.jdbcType(type(param));
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        return TypeNames.name(type(param));
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        return TypeNames.className(type(param));
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        type(param);
        return parameterModeIn;
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
