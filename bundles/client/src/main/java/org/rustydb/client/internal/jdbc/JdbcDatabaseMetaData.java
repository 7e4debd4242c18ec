package org.rustydb.client.internal.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlType;

/**
 * DatabaseMetaData from the engine's pg_catalog, with the queries pgjdbc runs (simplified to what
 * RustyDB keeps): tables, columns, keys, indexes, schemas, types. Kinds of object RustyDB does not
 * have (user-defined types, inheritance) give empty results; catalogs not kept (privileges per
 * column, procedures) throw SQLFeatureNotSupportedException.
 */
final class JdbcDatabaseMetaData extends MetaDataCapabilities {
    private final JdbcConnection connection;

    JdbcDatabaseMetaData(JdbcConnection connection) {
        this.connection = connection;
    }

    /** Runs a catalog query and returns its rows (the connection's transaction rules apply). */
    private List<Object[]> rows(String sql) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        connection.run(() -> connection.session().execute(sql, result -> {
            Object[] row;
            while ((row = result.next()) != null) {
                rows.add(row);
            }
        }));
        return rows;
    }

    private ResultSet result(List<Column> columns, List<Object[]> rows) {
        return new JdbcResultSet(null, columns, rows, null, ResultSet.TYPE_SCROLL_INSENSITIVE, null);
    }

    private ResultSet query(List<Column> columns, String sql) throws SQLException {
        return result(columns, rows(sql));
    }

    private static List<Column> columns(Object... nameAndType) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < nameAndType.length; i += 2) {
            columns.add(new Column((String) nameAndType[i], (SqlType) nameAndType[i + 1]));
        }
        return columns;
    }

    /** A LIKE condition on a column for a JDBC pattern; null matches everything. */
    private static String like(String column, String pattern) {
        return pattern == null ? "" : " AND " + column + " LIKE " + SqlText.literal(pattern);
    }

    private static String equal(String column, String value) {
        return value == null ? "" : " AND " + column + " = " + SqlText.literal(value);
    }

    @Override
    public String getURL() {
        return connection.url();
    }

    @Override
    public String getUserName() {
        return connection.session().user();
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        String version = connection.idleSession().setting("server_version");
        return version == null ? "15" : version;
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        String v = getDatabaseProductVersion();
        return Integer.parseInt(v.split("\\.")[0].replaceAll("\\D.*", ""));
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        String[] parts = getDatabaseProductVersion().split("\\.");
        return parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
    }

    @Override
    public int getDriverMajorVersion() {
        return 0;
    }

    @Override
    public int getDriverMinorVersion() {
        return 1;
    }

    @Override
    public String getDriverVersion() {
        return "0.1";
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    @Override
    public long getMaxLogicalLobSize() {
        return 0;
    }

    private static final String TABLE_TYPE = "CASE WHEN n.nspname ~ '^pg_' OR n.nspname = 'information_schema' THEN"
            + " CASE c.relkind WHEN 'r' THEN 'SYSTEM TABLE' WHEN 'v' THEN 'SYSTEM VIEW' WHEN 'i' THEN 'SYSTEM INDEX'"
            + " ELSE NULL END"
            + " WHEN n.nspname ~ '^pg_temp' THEN CASE c.relkind WHEN 'r' THEN 'TEMPORARY TABLE'"
            + " WHEN 'i' THEN 'TEMPORARY INDEX' WHEN 'S' THEN 'TEMPORARY SEQUENCE' WHEN 'v' THEN 'TEMPORARY VIEW'"
            + " ELSE NULL END"
            + " ELSE CASE c.relkind WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'PARTITIONED TABLE' WHEN 'i' THEN 'INDEX'"
            + " WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'"
            + " WHEN 'f' THEN 'FOREIGN TABLE' ELSE NULL END END";

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT NULL::text, n.nspname::text, c.relname::text, ")
                .append(TABLE_TYPE).append(" AS table_type, d.description::text")
                .append(" FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid")
                .append(" LEFT JOIN pg_catalog.pg_description d ON d.objoid = c.oid AND d.objsubid = 0")
                .append(" WHERE true").append(like("n.nspname", schemaPattern))
                .append(like("c.relname", tableNamePattern));
        String outer = "SELECT * FROM (" + sql + ") t WHERE table_type IS NOT NULL";
        if (types != null) {
            List<String> quoted = new ArrayList<>();
            for (String type : types) {
                quoted.add(SqlText.literal(type));
            }
            outer += quoted.isEmpty() ? " AND false" : " AND table_type IN (" + String.join(", ", quoted) + ")";
        }
        outer += " ORDER BY 4, 2, 3";
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : rows(outer)) {
            rows.add(new Object[] {r[0], r[1], r[2], r[3], r[4], "", "", "", "", ""});
        }
        return result(columns("TABLE_CAT", SqlType.TEXT, "TABLE_SCHEM", SqlType.TEXT, "TABLE_NAME", SqlType.TEXT,
                "TABLE_TYPE", SqlType.TEXT, "REMARKS", SqlType.TEXT, "TYPE_CAT", SqlType.TEXT, "TYPE_SCHEM",
                SqlType.TEXT, "TYPE_NAME", SqlType.TEXT, "SELF_REFERENCING_COL_NAME", SqlType.TEXT,
                "REF_GENERATION", SqlType.TEXT), rows);
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        return query(columns("TABLE_SCHEM", SqlType.TEXT, "TABLE_CATALOG", SqlType.TEXT),
                "SELECT nspname::text, NULL::text FROM pg_catalog.pg_namespace WHERE nspname <> 'pg_toast'"
                        + " AND (nspname !~ '^pg_temp_' OR nspname = pg_catalog.current_schemas(true)[1])"
                        + like("nspname", schemaPattern) + " ORDER BY 1");
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        return query(columns("TABLE_CAT", SqlType.TEXT),
                "SELECT datname::text FROM pg_catalog.pg_database ORDER BY 1");
    }

    @Override
    public ResultSet getTableTypes() {
        String[] types = {"FOREIGN TABLE", "INDEX", "MATERIALIZED VIEW", "PARTITIONED TABLE", "SEQUENCE",
            "SYSTEM INDEX", "SYSTEM TABLE", "SYSTEM VIEW", "TABLE", "TEMPORARY INDEX", "TEMPORARY SEQUENCE",
            "TEMPORARY TABLE", "TEMPORARY VIEW", "VIEW"};
        List<Object[]> rows = new ArrayList<>();
        for (String type : types) {
            rows.add(new Object[] {type});
        }
        return result(columns("TABLE_TYPE", SqlType.TEXT), rows);
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern,
                                String columnNamePattern) throws SQLException {
        String sql = "SELECT n.nspname::text, c.relname::text, a.attname::text, t.typname::text, a.atttypmod,"
                + " a.attnotnull, pg_catalog.pg_get_expr(def.adbin, def.adrelid)::text, dsc.description::text,"
                + " a.attnum, a.attidentity::text"
                + " FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid"
                + " JOIN pg_catalog.pg_type t ON a.atttypid = t.oid"
                + " LEFT JOIN pg_catalog.pg_attrdef def ON a.attrelid = def.adrelid AND a.attnum = def.adnum"
                + " LEFT JOIN pg_catalog.pg_description dsc ON c.oid = dsc.objoid AND a.attnum = dsc.objsubid"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'f', 'm') AND a.attnum > 0 AND NOT a.attisdropped"
                + like("n.nspname", schemaPattern) + like("c.relname", tableNamePattern)
                + like("a.attname", columnNamePattern) + " ORDER BY 1, 2, 9";
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : rows(sql)) {
            String typeName = (String) r[3];
            int typmod = ((Number) r[4]).intValue();
            SqlType type = typeName.startsWith("_") ? arrayOf(typeName.substring(1)) : TypeNames.byName(typeName);
            Column column = new Column((String) r[2], type == null ? SqlType.TEXT : type,
                    type == SqlType.VARCHAR || type == SqlType.CHAR ? (typmod < 0 ? -1 : typmod - 4)
                            : type == SqlType.NUMERIC ? (typmod < 0 ? -1 : typmod - 4) : typmod);
            boolean notNull = Boolean.TRUE.equals(r[5]);
            String def = (String) r[6];
            String identity = (String) r[9];
            boolean auto = (def != null && def.startsWith("nextval(")) || (identity != null && !identity.isEmpty());
            int jdbcType = type == null ? Types.OTHER : TypeNames.jdbcType(type);
            int size = type == null ? Integer.MAX_VALUE : TypeSizes.precision(column);
            Integer digits = type == null ? null : TypeSizes.scale(column);
            rows.add(new Object[] {null, r[0], r[1], r[2], jdbcType, typeName, size, null, digits,
                type != null && type.isNumeric() ? 10 : 10, notNull ? columnNoNulls : columnNullable, r[7], def,
                null, null, size, ((Number) r[8]).intValue(), notNull ? "NO" : "YES", null, null, null, null,
                auto ? "YES" : "NO", "NO"});
        }
        return result(columns("TABLE_CAT", SqlType.TEXT, "TABLE_SCHEM", SqlType.TEXT, "TABLE_NAME", SqlType.TEXT,
                "COLUMN_NAME", SqlType.TEXT, "DATA_TYPE", SqlType.INTEGER, "TYPE_NAME", SqlType.TEXT, "COLUMN_SIZE",
                SqlType.INTEGER, "BUFFER_LENGTH", SqlType.TEXT, "DECIMAL_DIGITS", SqlType.INTEGER, "NUM_PREC_RADIX",
                SqlType.INTEGER, "NULLABLE", SqlType.INTEGER, "REMARKS", SqlType.TEXT, "COLUMN_DEF", SqlType.TEXT,
                "SQL_DATA_TYPE", SqlType.INTEGER, "SQL_DATETIME_SUB", SqlType.INTEGER, "CHAR_OCTET_LENGTH",
                SqlType.INTEGER, "ORDINAL_POSITION", SqlType.INTEGER, "IS_NULLABLE", SqlType.TEXT, "SCOPE_CATALOG",
                SqlType.TEXT, "SCOPE_SCHEMA", SqlType.TEXT, "SCOPE_TABLE", SqlType.TEXT, "SOURCE_DATA_TYPE",
                SqlType.SMALLINT, "IS_AUTOINCREMENT", SqlType.TEXT, "IS_GENERATEDCOLUMN", SqlType.TEXT), rows);
    }

    private static SqlType arrayOf(String elementName) {
        SqlType element = TypeNames.byName(elementName);
        return element == null ? null : element.arrayType();
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        String sql = "SELECT NULL::text, n.nspname::text, ct.relname::text, a.attname::text,"
                + " (i.keys).n::smallint, ci.relname::text"
                + " FROM pg_catalog.pg_class ct JOIN pg_catalog.pg_namespace n ON ct.relnamespace = n.oid"
                + " JOIN (SELECT i.indexrelid, i.indrelid, i.indisprimary,"
                + " information_schema._pg_expandarray(i.indkey) AS keys FROM pg_catalog.pg_index i) i"
                + " ON i.indrelid = ct.oid"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = ct.oid AND a.attnum = (i.keys).x"
                + " JOIN pg_catalog.pg_class ci ON ci.oid = i.indexrelid"
                + " WHERE i.indisprimary" + equal("n.nspname", schema) + equal("ct.relname", table)
                + " ORDER BY 3, 5";
        return query(columns("TABLE_CAT", SqlType.TEXT, "TABLE_SCHEM", SqlType.TEXT, "TABLE_NAME", SqlType.TEXT,
                "COLUMN_NAME", SqlType.TEXT, "KEY_SEQ", SqlType.SMALLINT, "PK_NAME", SqlType.TEXT), sql);
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        String sql = "SELECT NULL::text, n.nspname::text, ct.relname::text, NOT i.indisunique, NULL::text,"
                + " ci.relname::text, " + tableIndexOther + "::smallint, (i.keys).n::smallint, a.attname::text,"
                + " 'A'::text, ci.reltuples::bigint, ci.relpages::bigint, NULL::text"
                + " FROM pg_catalog.pg_class ct JOIN pg_catalog.pg_namespace n ON ct.relnamespace = n.oid"
                + " JOIN (SELECT i.indexrelid, i.indrelid, i.indisunique,"
                + " information_schema._pg_expandarray(i.indkey) AS keys FROM pg_catalog.pg_index i) i"
                + " ON i.indrelid = ct.oid"
                + " JOIN pg_catalog.pg_class ci ON ci.oid = i.indexrelid"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = ct.oid AND a.attnum = (i.keys).x"
                + " WHERE true" + equal("n.nspname", schema) + equal("ct.relname", table)
                + (unique ? " AND i.indisunique" : "") + " ORDER BY 4, 7, 6, 8";
        return query(columns("TABLE_CAT", SqlType.TEXT, "TABLE_SCHEM", SqlType.TEXT, "TABLE_NAME", SqlType.TEXT,
                "NON_UNIQUE", SqlType.BOOLEAN, "INDEX_QUALIFIER", SqlType.TEXT, "INDEX_NAME", SqlType.TEXT, "TYPE",
                SqlType.SMALLINT, "ORDINAL_POSITION", SqlType.SMALLINT, "COLUMN_NAME", SqlType.TEXT, "ASC_OR_DESC",
                SqlType.TEXT, "CARDINALITY", SqlType.BIGINT, "PAGES", SqlType.BIGINT, "FILTER_CONDITION",
                SqlType.TEXT), sql);
    }

    private static final List<Column> KEY_COLUMNS = columns("PKTABLE_CAT", SqlType.TEXT, "PKTABLE_SCHEM",
            SqlType.TEXT, "PKTABLE_NAME", SqlType.TEXT, "PKCOLUMN_NAME", SqlType.TEXT, "FKTABLE_CAT", SqlType.TEXT,
            "FKTABLE_SCHEM", SqlType.TEXT, "FKTABLE_NAME", SqlType.TEXT, "FKCOLUMN_NAME", SqlType.TEXT, "KEY_SEQ",
            SqlType.SMALLINT, "UPDATE_RULE", SqlType.SMALLINT, "DELETE_RULE", SqlType.SMALLINT, "FK_NAME",
            SqlType.TEXT, "PK_NAME", SqlType.TEXT, "DEFERRABILITY", SqlType.SMALLINT);

    /** Foreign keys from pg_constraint, one row per column pair (pgjdbc's query, without its joins to pg_depend). */
    private ResultSet keys(String pkSchema, String pkTable, String fkSchema, String fkTable, String order)
            throws SQLException {
        String rule = "CASE %s WHEN 'c' THEN " + importedKeyCascade + " WHEN 'n' THEN " + importedKeySetNull
                + " WHEN 'd' THEN " + importedKeySetDefault + " WHEN 'r' THEN " + importedKeyRestrict
                + " ELSE " + importedKeyNoAction + " END::smallint";
        String sql = "SELECT NULL::text, pkn.nspname::text, pkc.relname::text, pka.attname::text, NULL::text,"
                + " fkn.nspname::text, fkc.relname::text, fka.attname::text, pos.n::smallint, "
                + String.format(rule, "con.confupdtype") + ", " + String.format(rule, "con.confdeltype")
                + ", con.conname::text, pkic.relname::text,"
                + " CASE WHEN con.condeferrable AND con.condeferred THEN " + importedKeyInitiallyDeferred
                + " WHEN con.condeferrable THEN " + importedKeyInitiallyImmediate + " ELSE "
                + importedKeyNotDeferrable + " END::smallint"
                + " FROM pg_catalog.pg_constraint con"
                + " JOIN pg_catalog.pg_class fkc ON fkc.oid = con.conrelid"
                + " JOIN pg_catalog.pg_namespace fkn ON fkn.oid = fkc.relnamespace"
                + " JOIN pg_catalog.pg_class pkc ON pkc.oid = con.confrelid"
                + " JOIN pg_catalog.pg_namespace pkn ON pkn.oid = pkc.relnamespace"
                + " JOIN generate_series(1, 32) AS pos(n) ON pos.n <= array_length(con.conkey, 1)"
                + " JOIN pg_catalog.pg_attribute fka ON fka.attrelid = con.conrelid AND fka.attnum = con.conkey[pos.n]"
                + " JOIN pg_catalog.pg_attribute pka ON pka.attrelid = con.confrelid"
                + " AND pka.attnum = con.confkey[pos.n]"
                + " LEFT JOIN pg_catalog.pg_class pkic ON pkic.oid = con.conindid"
                + " WHERE con.contype = 'f'" + equal("pkn.nspname", pkSchema) + equal("pkc.relname", pkTable)
                + equal("fkn.nspname", fkSchema) + equal("fkc.relname", fkTable) + " ORDER BY " + order;
        return query(KEY_COLUMNS, sql);
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        return keys(null, null, schema, table, "2, 3, 9");
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return keys(schema, table, null, null, "6, 7, 9");
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
                                       String foreignCatalog, String foreignSchema, String foreignTable)
            throws SQLException {
        return keys(parentSchema, parentTable, foreignSchema, foreignTable, "6, 7, 9");
    }

    @Override
    public ResultSet getTypeInfo() {
        List<Object[]> rows = new ArrayList<>();
        for (SqlType type : SqlType.values()) {
            if (type == SqlType.UNKNOWN) {
                continue;
            }
            Column column = new Column(TypeNames.name(type), type);
            boolean quoted = !type.isNumeric() && type != SqlType.BOOLEAN;
            rows.add(new Object[] {TypeNames.name(type), TypeNames.jdbcType(type), TypeSizes.precision(column),
                quoted ? "'" : null, quoted ? "'" : null, null, (short) typeNullable, type.isString(),
                (short) (type.isArray() ? typePredNone : typeSearchable), !type.isNumeric(), false, false, null,
                (short) 0, (short) (type == SqlType.NUMERIC ? 1000 : 0), null, null, 10});
        }
        return result(columns("TYPE_NAME", SqlType.TEXT, "DATA_TYPE", SqlType.INTEGER, "PRECISION",
                SqlType.INTEGER, "LITERAL_PREFIX", SqlType.TEXT, "LITERAL_SUFFIX", SqlType.TEXT, "CREATE_PARAMS",
                SqlType.TEXT, "NULLABLE", SqlType.SMALLINT, "CASE_SENSITIVE", SqlType.BOOLEAN, "SEARCHABLE",
                SqlType.SMALLINT, "UNSIGNED_ATTRIBUTE", SqlType.BOOLEAN, "FIXED_PREC_SCALE", SqlType.BOOLEAN,
                "AUTO_INCREMENT", SqlType.BOOLEAN, "LOCAL_TYPE_NAME", SqlType.TEXT, "MINIMUM_SCALE", SqlType.SMALLINT,
                "MAXIMUM_SCALE", SqlType.SMALLINT, "SQL_DATA_TYPE", SqlType.INTEGER, "SQL_DATETIME_SUB",
                SqlType.INTEGER, "NUM_PREC_RADIX", SqlType.INTEGER), rows);
    }

    @Override
    public ResultSet getClientInfoProperties() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"ApplicationName", 63, "", "The name of the application using the connection."});
        return result(columns("NAME", SqlType.TEXT, "MAX_LEN", SqlType.INTEGER, "DEFAULT_VALUE", SqlType.TEXT,
                "DESCRIPTION", SqlType.TEXT), rows);
    }

    /** RustyDB has no user-defined types: none to list. */
    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) {
        return result(columns("TYPE_CAT", SqlType.TEXT, "TYPE_SCHEM", SqlType.TEXT, "TYPE_NAME", SqlType.TEXT,
                "CLASS_NAME", SqlType.TEXT, "DATA_TYPE", SqlType.INTEGER, "REMARKS", SqlType.TEXT, "BASE_TYPE",
                SqlType.SMALLINT), List.of());
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) {
        return result(columns("TYPE_CAT", SqlType.TEXT, "TYPE_SCHEM", SqlType.TEXT, "TYPE_NAME", SqlType.TEXT,
                "SUPERTYPE_CAT", SqlType.TEXT, "SUPERTYPE_SCHEM", SqlType.TEXT, "SUPERTYPE_NAME", SqlType.TEXT),
                List.of());
    }

    /** No table inheritance in RustyDB: no super tables. */
    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) {
        return result(columns("TABLE_CAT", SqlType.TEXT, "TABLE_SCHEM", SqlType.TEXT, "TABLE_NAME", SqlType.TEXT,
                "SUPERTABLE_NAME", SqlType.TEXT), List.of());
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
                                   String attributeNamePattern) {
        List<Column> columns = new ArrayList<>();
        for (String name : new String[] {"TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "ATTR_NAME", "DATA_TYPE",
            "ATTR_TYPE_NAME", "ATTR_SIZE", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "ATTR_DEF",
            "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE",
            "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE"}) {
            columns.add(new Column(name, SqlType.TEXT));
        }
        return result(columns, List.of());
    }

    /** Functions and procedures from pg_proc, as pgjdbc lists them (both). */
    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
            throws SQLException {
        String sql = "SELECT NULL::text, n.nspname::text, p.proname::text, NULL::text, NULL::text, NULL::text,"
                + " d.description::text, CASE p.prokind WHEN 'p' THEN " + procedureNoResult + " ELSE "
                + procedureReturnsResult + " END::smallint, (p.proname || '_' || p.oid)::text"
                + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON p.pronamespace = n.oid"
                + " LEFT JOIN pg_catalog.pg_description d ON d.objoid = p.oid"
                + " WHERE p.prokind IN ('f', 'p')" + like("n.nspname", schemaPattern)
                + like("p.proname", procedureNamePattern) + " ORDER BY 2, 3, 9";
        return query(columns("PROCEDURE_CAT", SqlType.TEXT, "PROCEDURE_SCHEM", SqlType.TEXT, "PROCEDURE_NAME",
                SqlType.TEXT, "RESERVED1", SqlType.TEXT, "RESERVED2", SqlType.TEXT, "RESERVED3", SqlType.TEXT,
                "REMARKS", SqlType.TEXT, "PROCEDURE_TYPE", SqlType.SMALLINT, "SPECIFIC_NAME", SqlType.TEXT), sql);
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
                                         String columnNamePattern) throws SQLException {
        List<FunctionColumns.Entry> entries = functionColumns(schemaPattern, procedureNamePattern,
                columnNamePattern, "'f', 'p'");
        List<Column> columns = new ArrayList<>();
        for (String name : new String[] {"PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME"}) {
            columns.add(new Column(name, SqlType.TEXT));
        }
        columns.addAll(columns("COLUMN_TYPE", SqlType.SMALLINT, "DATA_TYPE", SqlType.INTEGER, "TYPE_NAME",
                SqlType.TEXT, "PRECISION", SqlType.INTEGER, "LENGTH", SqlType.INTEGER, "SCALE", SqlType.SMALLINT,
                "RADIX", SqlType.SMALLINT, "NULLABLE", SqlType.SMALLINT, "REMARKS", SqlType.TEXT, "COLUMN_DEF",
                SqlType.TEXT, "SQL_DATA_TYPE", SqlType.INTEGER, "SQL_DATETIME_SUB", SqlType.INTEGER,
                "CHAR_OCTET_LENGTH", SqlType.INTEGER, "ORDINAL_POSITION", SqlType.INTEGER, "IS_NULLABLE",
                SqlType.TEXT, "SPECIFIC_NAME", SqlType.TEXT));
        return result(columns, FunctionColumns.procedureRows(entries));
    }

    private List<FunctionColumns.Entry> functionColumns(String schemaPattern, String namePattern,
                                                        String columnPattern, String kinds) throws SQLException {
        List<Object[]> types = rows("SELECT oid, typname::text FROM pg_catalog.pg_type");
        List<Object[]> functions = rows("SELECT n.nspname::text, p.proname::text, p.oid, p.prorettype,"
                + " p.proargtypes, p.proargnames, p.proretset"
                + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON p.pronamespace = n.oid"
                + " WHERE p.prokind IN (" + kinds + ")" + like("n.nspname", schemaPattern)
                + like("p.proname", namePattern) + " ORDER BY 1, 2, 3");
        return FunctionColumns.entries(types, functions, columnPattern);
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
            throws SQLException {
        String sql = "SELECT NULL::text, n.nspname::text, p.proname::text, d.description::text,"
                + " CASE WHEN p.proretset THEN " + functionReturnsTable + " ELSE " + functionNoTable
                + " END::smallint, (p.proname || '_' || p.oid)::text"
                + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON p.pronamespace = n.oid"
                + " LEFT JOIN pg_catalog.pg_description d ON d.objoid = p.oid"
                + " WHERE p.prokind = 'f'" + like("n.nspname", schemaPattern)
                + like("p.proname", functionNamePattern) + " ORDER BY 2, 3, 6";
        return query(columns("FUNCTION_CAT", SqlType.TEXT, "FUNCTION_SCHEM", SqlType.TEXT, "FUNCTION_NAME",
                SqlType.TEXT, "REMARKS", SqlType.TEXT, "FUNCTION_TYPE", SqlType.SMALLINT, "SPECIFIC_NAME",
                SqlType.TEXT), sql);
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
                                        String columnNamePattern) throws SQLException {
        List<FunctionColumns.Entry> entries = functionColumns(schemaPattern, functionNamePattern, columnNamePattern,
                "'f'");
        return result(columns("FUNCTION_CAT", SqlType.TEXT, "FUNCTION_SCHEM", SqlType.TEXT, "FUNCTION_NAME",
                SqlType.TEXT, "COLUMN_NAME", SqlType.TEXT, "COLUMN_TYPE", SqlType.SMALLINT, "DATA_TYPE",
                SqlType.INTEGER, "TYPE_NAME", SqlType.TEXT, "PRECISION", SqlType.INTEGER, "LENGTH", SqlType.INTEGER,
                "SCALE", SqlType.SMALLINT, "RADIX", SqlType.SMALLINT, "NULLABLE", SqlType.SMALLINT, "REMARKS",
                SqlType.TEXT, "CHAR_OCTET_LENGTH", SqlType.INTEGER, "ORDINAL_POSITION", SqlType.INTEGER,
                "IS_NULLABLE", SqlType.TEXT, "SPECIFIC_NAME", SqlType.TEXT), FunctionColumns.functionRows(entries));
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
            throws SQLException {
        String sql = "SELECT NULL::text, table_schema::text, table_name::text, column_name::text, grantor::text,"
                + " grantee::text, privilege_type::text, is_grantable::text"
                + " FROM information_schema.column_privileges WHERE true" + equal("table_schema", schema)
                + equal("table_name", table) + like("column_name", columnNamePattern) + " ORDER BY 4, 7, 6";
        return query(columns("TABLE_CAT", SqlType.TEXT, "TABLE_SCHEM", SqlType.TEXT, "TABLE_NAME", SqlType.TEXT,
                "COLUMN_NAME", SqlType.TEXT, "GRANTOR", SqlType.TEXT, "GRANTEE", SqlType.TEXT, "PRIVILEGE",
                SqlType.TEXT, "IS_GRANTABLE", SqlType.TEXT), sql);
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        String sql = "SELECT NULL::text, table_schema::text, table_name::text, grantor::text, grantee::text,"
                + " privilege_type::text, is_grantable::text FROM information_schema.table_privileges WHERE true"
                + like("table_schema", schemaPattern) + like("table_name", tableNamePattern)
                + " ORDER BY 2, 3, 6, 5";
        return query(columns("TABLE_CAT", SqlType.TEXT, "TABLE_SCHEM", SqlType.TEXT, "TABLE_NAME", SqlType.TEXT,
                "GRANTOR", SqlType.TEXT, "GRANTEE", SqlType.TEXT, "PRIVILEGE", SqlType.TEXT, "IS_GRANTABLE",
                SqlType.TEXT), sql);
    }

    /** The primary key's columns, as pgjdbc answers (session scope, not pseudo columns). */
    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
            throws SQLException {
        String sql = "SELECT a.attname::text, t.typname::text, a.atttypmod"
                + " FROM pg_catalog.pg_class ct JOIN pg_catalog.pg_namespace n ON ct.relnamespace = n.oid"
                + " JOIN (SELECT i.indexrelid, i.indrelid, i.indisprimary,"
                + " information_schema._pg_expandarray(i.indkey) AS keys FROM pg_catalog.pg_index i) i"
                + " ON i.indrelid = ct.oid"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = ct.oid AND a.attnum = (i.keys).x"
                + " JOIN pg_catalog.pg_type t ON a.atttypid = t.oid"
                + " WHERE i.indisprimary" + equal("n.nspname", schema) + equal("ct.relname", table)
                + " ORDER BY (i.keys).n";
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : rows(sql)) {
            SqlType type = TypeNames.byName((String) r[1]);
            Column column = new Column((String) r[0], type == null ? SqlType.TEXT : type,
                    ((Number) r[2]).intValue());
            rows.add(new Object[] {(short) bestRowSession, r[0], type == null ? Types.OTHER : TypeNames.jdbcType(type),
                r[1], type == null ? Integer.MAX_VALUE : TypeSizes.precision(column), null,
                type == null ? null : (short) TypeSizes.scale(column), (short) bestRowNotPseudo});
        }
        return result(columns("SCOPE", SqlType.SMALLINT, "COLUMN_NAME", SqlType.TEXT, "DATA_TYPE", SqlType.INTEGER,
                "TYPE_NAME", SqlType.TEXT, "COLUMN_SIZE", SqlType.INTEGER, "BUFFER_LENGTH", SqlType.INTEGER,
                "DECIMAL_DIGITS", SqlType.SMALLINT, "PSEUDO_COLUMN", SqlType.SMALLINT), rows);
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        throw Errors.unsupported("getVersionColumns");
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
                                      String columnNamePattern) throws SQLException {
        throw Errors.unsupported("getPseudoColumns");
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

    static SQLException wrap(DbException e) {
        return Errors.of(e);
    }
}
