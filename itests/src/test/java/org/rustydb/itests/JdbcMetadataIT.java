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
 * pgjdbc's DatabaseMetaData, which reads pg_catalog, finds the schemas, tables, columns and foreign
 * keys DDL made. (getPrimaryKeys and getIndexInfo read information_schema._pg_expandarray's
 * composite result, which does not exist yet.)
 */
class JdbcMetadataIT extends AgainstDistributionOrReference {
    @BeforeAll
    void schema() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("drop table if exists md_b, md_a");
            s.execute("create table md_a(a int primary key, b text not null default 'x', c numeric(10,2))");
            s.execute("create table md_b(id int references md_a(a), v varchar(20), k bigint primary key)");
            s.execute("create index md_b_v on md_b(v)");
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
}
