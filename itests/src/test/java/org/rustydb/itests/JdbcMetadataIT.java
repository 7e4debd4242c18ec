package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pgjdbc's DatabaseMetaData, which reads pg_catalog, finds the schemas, tables, columns, keys and
 * indexes DDL made; getPrimaryKeys, getIndexInfo and getBestRowIdentifier walk key columns with
 * information_schema._pg_expandarray in a select list. Run with {@code -Ditest.reference.port} the
 * same assertions hold against PostgreSQL.
 */
class JdbcMetadataIT extends AgainstDistributionOrReference {
    @BeforeAll
    void schema() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("drop table if exists md_c, md_b, md_a");
            s.execute("create table md_a(a int primary key, b text not null default 'x', c numeric(10,2))");
            s.execute("create table md_b(id int references md_a(a), v varchar(20), k bigint primary key)");
            s.execute("create index md_b_v on md_b(v)");
            s.execute("create table md_c(x int, y int, z text, primary key (x, y), unique (z, y))");
            s.execute("create index md_c_zx on md_c(z, x)");
        }
    }

    private static List<String> column(ResultSet rs, String name) throws Exception {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(name));
            }
        }
        return out;
    }

    @Test
    void schemas() throws Exception {
        try (Connection c = connect()) {
            assertTrue(column(c.getMetaData().getSchemas(), "TABLE_SCHEM").contains("public"));
        }
    }

    @Test
    void tables() throws Exception {
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getTables(null, "public", "md_%", new String[] {"TABLE"})) {
                assertTrue(rs.next());
                assertEquals("md_a", rs.getString("TABLE_NAME"));
                assertEquals("TABLE", rs.getString("TABLE_TYPE"));
                assertTrue(rs.next());
                assertEquals("md_b", rs.getString("TABLE_NAME"));
                assertTrue(rs.next());
                assertEquals("md_c", rs.getString("TABLE_NAME"));
                assertTrue(!rs.next());
            }
        }
    }

    @Test
    void columns() throws Exception {
        try (Connection c = connect(); ResultSet rs = c.getMetaData().getColumns(null, "public", "md_a", "%")) {
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
            assertTrue(!rs.next());
        }
    }

    @Test
    void importedKeys() throws Exception {
        try (Connection c = connect(); ResultSet rs = c.getMetaData().getImportedKeys(null, "public", "md_b")) {
            assertTrue(rs.next());
            assertEquals("md_a", rs.getString("PKTABLE_NAME"));
            assertEquals("a", rs.getString("PKCOLUMN_NAME"));
            assertEquals("id", rs.getString("FKCOLUMN_NAME"));
            assertEquals("md_b_id_fkey", rs.getString("FK_NAME"));
            assertTrue(!rs.next());
        }
    }

    /** The named columns of each row, as strings. */
    private static List<List<String>> rows(ResultSet rs, String... names) throws Exception {
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
    void primaryKeys() throws Exception {
        try (Connection c = connect()) {
            assertEquals(List.of(List.of("md_c", "x", "1", "md_c_pkey"), List.of("md_c", "y", "2", "md_c_pkey")),
                    rows(c.getMetaData().getPrimaryKeys(null, "public", "md_c"), "TABLE_NAME", "COLUMN_NAME",
                            "KEY_SEQ", "PK_NAME"));
            assertEquals(List.of(List.of("md_a", "a", "1", "md_a_pkey")),
                    rows(c.getMetaData().getPrimaryKeys(null, "public", "md_a"), "TABLE_NAME", "COLUMN_NAME",
                            "KEY_SEQ", "PK_NAME"));
        }
    }

    @Test
    void indexInfo() throws Exception {
        String[] names = {"NON_UNIQUE", "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC"};
        try (Connection c = connect()) {
            List<List<String>> unique = List.of(List.of("f", "md_c_pkey", "3", "1", "x", "A"),
                    List.of("f", "md_c_pkey", "3", "2", "y", "A"), List.of("f", "md_c_z_y_key", "3", "1", "z", "A"),
                    List.of("f", "md_c_z_y_key", "3", "2", "y", "A"));
            List<List<String>> all = new ArrayList<>(unique);
            all.add(List.of("t", "md_c_zx", "3", "1", "z", "A"));
            all.add(List.of("t", "md_c_zx", "3", "2", "x", "A"));
            assertEquals(all, rows(c.getMetaData().getIndexInfo(null, "public", "md_c", false, false), names));
            assertEquals(unique, rows(c.getMetaData().getIndexInfo(null, "public", "md_c", true, false), names));
        }
    }

    @Test
    void exportedKeysAndCrossReference() throws Exception {
        String[] names = {"PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE",
                "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY"};
        List<List<String>> expected = List.of(List.of("md_a", "a", "md_b", "id", "1", "3", "3", "md_b_id_fkey",
                "md_a_pkey", "7"));
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(expected, rows(md.getExportedKeys(null, "public", "md_a"), names));
            assertEquals(expected, rows(md.getCrossReference(null, "public", "md_a", null, "public", "md_b"), names));
            assertEquals(List.of(), rows(md.getCrossReference(null, "public", "md_b", null, "public", "md_a"), names));
        }
    }

    @Test
    void bestRowIdentifier() throws Exception {
        try (Connection c = connect()) {
            assertEquals(List.of(List.of("2", "x", "4", "int4"), List.of("2", "y", "4", "int4")),
                    rows(c.getMetaData().getBestRowIdentifier(null, "public", "md_c",
                            DatabaseMetaData.bestRowSession, true), "SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME"));
        }
    }

    @Test
    void typeInfo() throws Exception {
        try (Connection c = connect()) {
            List<List<String>> types = rows(c.getMetaData().getTypeInfo(), "TYPE_NAME", "DATA_TYPE");
            assertTrue(types.contains(List.of("int4", Integer.toString(Types.INTEGER))), types.toString());
            assertTrue(types.contains(List.of("text", Integer.toString(Types.VARCHAR))), types.toString());
            assertTrue(types.contains(List.of("_int4", Integer.toString(Types.ARRAY))), types.toString());
        }
    }

    @Test
    void noProceduresInPublic() throws Exception {
        try (Connection c = connect()) {
            assertEquals(List.of(), rows(c.getMetaData().getProcedures(null, "public", "%"), "PROCEDURE_NAME"));
        }
    }
}
