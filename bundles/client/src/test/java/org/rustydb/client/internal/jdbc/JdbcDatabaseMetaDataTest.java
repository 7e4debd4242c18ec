package org.rustydb.client.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The assertions pgjdbc's DatabaseMetaData passes in JdbcMetadataIT, against this driver's queries. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcDatabaseMetaDataTest {
    private Connection c;

    @BeforeAll
    void schema() throws SQLException {
        c = TestConnections.open();
        try (Statement s = c.createStatement()) {
            s.execute("create table md_a(a int primary key, b text not null default 'x', c numeric(10,2))");
            s.execute("create table md_b(id int references md_a(a), v varchar(20), k bigint primary key)");
            s.execute("create index md_b_v on md_b(v)");
            s.execute("create table md_c(x int, y int, z text, primary key (x, y), unique (z, y))");
            s.execute("create index md_c_zx on md_c(z, x)");
            s.execute("create view md_v as select a from md_a");
        }
    }

    @AfterAll
    void close() throws SQLException {
        c.close();
    }

    private static List<List<String>> rows(ResultSet rs, String... names) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (String name : names) {
                    row.add(rs.getString(name));
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void schemasAndTables() throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        assertTrue(rows(md.getSchemas(), "TABLE_SCHEM").contains(List.of("public")));
        assertEquals(List.of(List.of("md_a", "TABLE"), List.of("md_b", "TABLE"), List.of("md_c", "TABLE")),
                rows(md.getTables(null, "public", "md_%", new String[] {"TABLE"}), "TABLE_NAME", "TABLE_TYPE"));
        assertEquals(List.of(List.of("md_v", "VIEW")),
                rows(md.getTables(null, "public", "md_%", new String[] {"VIEW"}), "TABLE_NAME", "TABLE_TYPE"));
        assertTrue(rows(md.getTableTypes(), "TABLE_TYPE").contains(List.of("TABLE")));
    }

    @Test
    void columns() throws SQLException {
        try (ResultSet rs = c.getMetaData().getColumns(null, "public", "md_a", "%")) {
            assertTrue(rs.next());
            assertEquals("a", rs.getString("COLUMN_NAME"));
            assertEquals(Types.INTEGER, rs.getInt("DATA_TYPE"));
            assertEquals("int4", rs.getString("TYPE_NAME"));
            assertEquals("NO", rs.getString("IS_NULLABLE"));
            assertTrue(rs.next());
            assertEquals("b", rs.getString("COLUMN_NAME"));
            assertEquals("'x'::text", rs.getString("COLUMN_DEF"));
            assertTrue(rs.next());
            assertEquals("c", rs.getString("COLUMN_NAME"));
            assertEquals(Types.NUMERIC, rs.getInt("DATA_TYPE"));
            assertEquals(10, rs.getInt("COLUMN_SIZE"));
            assertEquals(2, rs.getInt("DECIMAL_DIGITS"));
            assertEquals("YES", rs.getString("IS_NULLABLE"));
            assertFalse(rs.next());
        }
        assertEquals(List.of(List.of("v", "20")),
                rows(c.getMetaData().getColumns(null, "public", "md_b", "v"), "COLUMN_NAME", "COLUMN_SIZE"));
    }

    @Test
    void primaryKeys() throws SQLException {
        assertEquals(List.of(List.of("md_c", "x", "1", "md_c_pkey"), List.of("md_c", "y", "2", "md_c_pkey")),
                rows(c.getMetaData().getPrimaryKeys(null, "public", "md_c"), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ",
                        "PK_NAME"));
    }

    @Test
    void indexInfo() throws SQLException {
        String[] names = {"NON_UNIQUE", "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC"};
        List<List<String>> unique = List.of(List.of("f", "md_c_pkey", "3", "1", "x", "A"),
                List.of("f", "md_c_pkey", "3", "2", "y", "A"), List.of("f", "md_c_z_y_key", "3", "1", "z", "A"),
                List.of("f", "md_c_z_y_key", "3", "2", "y", "A"));
        List<List<String>> all = new ArrayList<>(unique);
        all.add(List.of("t", "md_c_zx", "3", "1", "z", "A"));
        all.add(List.of("t", "md_c_zx", "3", "2", "x", "A"));
        assertEquals(all, rows(c.getMetaData().getIndexInfo(null, "public", "md_c", false, false), names));
        assertEquals(unique, rows(c.getMetaData().getIndexInfo(null, "public", "md_c", true, false), names));
    }

    @Test
    void foreignKeys() throws SQLException {
        String[] names = {"PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE",
            "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY"};
        List<List<String>> expected = List.of(List.of("md_a", "a", "md_b", "id", "1", "3", "3", "md_b_id_fkey",
                "md_a_pkey", "7"));
        DatabaseMetaData md = c.getMetaData();
        assertEquals(expected, rows(md.getImportedKeys(null, "public", "md_b"), names));
        assertEquals(expected, rows(md.getExportedKeys(null, "public", "md_a"), names));
        assertEquals(expected, rows(md.getCrossReference(null, "public", "md_a", null, "public", "md_b"), names));
        assertEquals(List.of(), rows(md.getCrossReference(null, "public", "md_b", null, "public", "md_a"), names));
    }

    @Test
    void typeInfoAndProduct() throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        List<List<String>> types = rows(md.getTypeInfo(), "TYPE_NAME", "DATA_TYPE");
        assertTrue(types.contains(List.of("int4", Integer.toString(Types.INTEGER))), types.toString());
        assertTrue(types.contains(List.of("text", Integer.toString(Types.VARCHAR))), types.toString());
        assertTrue(types.contains(List.of("_int4", Integer.toString(Types.ARRAY))), types.toString());
        assertEquals("RustyDB", md.getDatabaseProductName());
        assertEquals(15, md.getDatabaseMajorVersion());
        assertTrue(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE));
        assertTrue(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE));
        assertFalse(md.supportsResultSetType(ResultSet.TYPE_SCROLL_SENSITIVE));
        assertThrows(SQLFeatureNotSupportedException.class, () -> md.getPseudoColumns(null, null, "%", "%"));
    }

    @Test
    void functionColumns() throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        assertEquals(List.of(List.of("returnValue", "4", "text", "0"), List.of("$1", "1", "text", "1")),
                rows(md.getFunctionColumns(null, "pg_catalog", "upper", "%"), "COLUMN_NAME", "COLUMN_TYPE",
                        "TYPE_NAME", "ORDINAL_POSITION"));
        assertEquals(List.of(List.of("returnValue", "5", "text"), List.of("$1", "1", "text")),
                rows(md.getProcedureColumns(null, "pg_catalog", "upper", null), "COLUMN_NAME", "COLUMN_TYPE",
                        "TYPE_NAME"));
        assertEquals(List.of(List.of("$1")),
                rows(md.getFunctionColumns(null, "pg_catalog", "upper", "$_"), "COLUMN_NAME"));
    }

    @Test
    void bestRowIdentifierIsThePrimaryKey() throws SQLException {
        assertEquals(List.of(List.of("2", "x", "4", "int4"), List.of("2", "y", "4", "int4")),
                rows(c.getMetaData().getBestRowIdentifier(null, "public", "md_c", DatabaseMetaData.bestRowSession,
                        true), "SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME"));
    }

    @Test
    void functionsAndProcedures() throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        assertEquals(List.of(), rows(md.getProcedures(null, "public", "%"), "PROCEDURE_NAME"));
        assertEquals(List.of(List.of("pg_catalog", "upper")),
                rows(md.getFunctions(null, "pg_catalog", "upper"), "FUNCTION_SCHEM", "FUNCTION_NAME"));
    }

    @Test
    void privilegesWithoutTheSecurityBundleAreNone() throws SQLException {
        // privileges are the security bundle's: EmbeddedDriverIT checks them with it
        try (ResultSet rs = c.getMetaData().getTablePrivileges(null, "public", "md_a")) {
            assertEquals(7, rs.getMetaData().getColumnCount());
            assertFalse(rs.next());
        }
    }
}
