package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psql's backslash commands against the distribution print what they print against PostgreSQL 15
 * for the same schema (a reference server at 127.0.0.1, port {@code itest.psql.reference.port},
 * 55432 by default; skipped when none answers), byte for byte: on the reference the schema belongs
 * to a role named like the distribution's user.
 */
class PsqlDescribeIT extends AgainstDistributionOrReference {
    private static final int REFERENCE = Integer.getInteger("itest.psql.reference.port", 55432);
    private static final String REFERENCE_DB = "psql_describe_it";
    private static final String SCHEMA = String.join("\n",
            "create table t(a int primary key, b text not null default 'x', c numeric(10,2) check (c > 0),",
            "  d varchar(20) unique, e timestamp, f boolean default true);",
            "create table u(id int references t(a) on delete cascade, v varchar(20), w bigint not null,",
            "  constraint u_pk primary key (w));",
            "create index u_v_idx on u(v, id);",
            "create view vt as select a, b from t;",
            "create sequence s1;",
            "create schema other;",
            "create table other.x(k int primary key, t_a int references public.t(a));",
            "grant select, insert on t to public;",
            "grant select (v), update (v, w) on u to public;",
            "grant usage on sequence s1 to public;",
            "grant usage on schema other to public;",
            "alter default privileges in schema other grant select on tables to public;",
            "alter default privileges revoke execute on functions from public;");

    @TempDir
    Path work;

    @BeforeAll
    void schemas() throws Exception {
        Assumptions.assumeTrue(distribution() != null, "compares the distribution with a reference server");
        Assumptions.assumeTrue(Psql.available(), "psql is not installed");
        Assumptions.assumeTrue(reachable(), "no reference PostgreSQL at port " + REFERENCE);
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        // the reference's objects belong to a role named like the distribution's user, so owners print alike
        Psql.run(REFERENCE, "postgres", "postgres", List.of("-X", "-q", "-c", "create role rustydb superuser login"),
                dir);
        psqlReference("postgres", dir, "-X", "-q", "-c", "drop database if exists " + REFERENCE_DB);
        psqlReference("postgres", dir, "-X", "-q", "-c", "create database " + REFERENCE_DB);
        Psql.Result ref = psqlReference(REFERENCE_DB, dir, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", SCHEMA);
        assertEquals(0, ref.exitCode(), ref.stderr());
        Psql.Result ours = Psql.run(distribution().port(), "rustydb", "rustydb",
                List.of("-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", SCHEMA), dir);
        assertEquals(0, ours.exitCode(), ours.stderr());
    }

    private static boolean reachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", REFERENCE), 1000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private Psql.Result psqlReference(String database, Path dir, String... args) throws Exception {
        return Psql.run(REFERENCE, "rustydb", database, List.of(args), dir);
    }

    /** Both outputs of the commands (run in one psql). */
    private void same(String... commands) throws Exception {
        List<String> args = new ArrayList<>(List.of("-X"));
        for (String c : commands) {
            args.add("-c");
            args.add(c);
        }
        Psql.Result ref = Psql.run(REFERENCE, "rustydb", REFERENCE_DB, args, work);
        Psql.Result ours = Psql.run(distribution().port(), "rustydb", "rustydb", args, work);
        assertEquals(ref.stderr(), ours.stderr(), String.join(" ", commands));
        assertEquals(ref.stdout(), ours.stdout(), String.join(" ", commands));
    }

    @Test
    void listsSchemas() throws Exception {
        same("\\dn");
    }

    @Test
    void listsTables() throws Exception {
        same("\\dt");
        same("\\dt other.*");
    }

    @Test
    void describesTables() throws Exception {
        same("\\d t");
        same("\\d u");
        same("\\d other.x");
    }

    @Test
    void describesInExpandedMode() throws Exception {
        same("\\x", "\\d u");
    }

    @Test
    void listsIndexesViewsAndSequences() throws Exception {
        same("\\di");
        same("\\dv");
        same("\\ds");
        same("\\d vt");
    }

    @Test
    void listsAllRelations() throws Exception {
        same("\\d");
    }

    @Test
    void listsAccessPrivileges() throws Exception {
        same("\\dp");
        same("\\z t");
        same("\\dp other.*");
        same("\\ddp");
    }

    @Test
    void listsFunctions() throws Exception {
        same("\\df");
        // a built-in's overloads, each in pg_catalog with PostgreSQL's type names
        same("\\df abs");
        same("\\df pg_catalog.abs");
    }

    @Test
    void listsDatabasesAndRoles() throws Exception {
        // the reference server holds other databases and roles: only ours must be listed, without error
        Psql.Result l = Psql.run(distribution().port(), "rustydb", "rustydb", List.of("-X", "-A", "-c", "\\l"), work);
        assertEquals("", l.stderr());
        assertTrue(l.stdout().contains("rustydb|rustydb|UTF8|"), l.stdout());
        Psql.Result du = Psql.run(distribution().port(), "rustydb", "rustydb", List.of("-X", "-A", "-c", "\\du"), work);
        assertEquals("", du.stderr());
        assertTrue(du.stdout().contains("rustydb|Superuser"), du.stdout());
    }
}
