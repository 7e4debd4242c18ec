package org.rustydb.execution.internal.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.DbException;
import org.rustydb.api.Session;
import org.rustydb.execution.slt.TestDatabase;
import org.rustydb.storage.memory.internal.MemoryStorageEngine;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;

/** Constraints are part of the stored table definitions: after a restart they are enforced as before. */
class ConstraintRestartTest {
    @TempDir
    Path dir;

    private static String error(Session session, String sql) {
        return assertThrows(DbException.class, () -> TestDatabase.run(session, sql)).getMessage();
    }

    @Test
    void aReopenedDatabaseKeepsEnforcingChecksAndForeignKeys() {
        MemoryStorageEngine engine = MemoryStorageEngine.open(dir, DurabilityOptions.defaults());
        try (Session session = new TestDatabase(engine).open()) {
            TestDatabase.run(session, "create table p (id int primary key, n int check (n > 0))");
            TestDatabase.run(session, "create table c (a int references p on delete cascade deferrable, "
                    + "b int constraint c_b_small check (b < 10))");
            TestDatabase.run(session, "create table q (id int primary key)");
            TestDatabase.run(session, "create table r (a int references q)");
            TestDatabase.run(session, "insert into p values (1, 1), (2, 2)");
            TestDatabase.run(session, "insert into c values (1, 1), (2, 2)");
            TestDatabase.run(session, "drop table q cascade");
        }
        engine.shutDown();

        engine = MemoryStorageEngine.open(dir, DurabilityOptions.defaults());
        try (Session session = new TestDatabase(engine).open()) {
            assertEquals("new row for relation \"p\" violates check constraint \"p_n_check\"",
                    error(session, "insert into p values (3, 0)"));
            assertEquals("new row for relation \"c\" violates check constraint \"c_b_small\"",
                    error(session, "update c set b = 10"));
            assertEquals("insert or update on table \"c\" violates foreign key constraint \"c_a_fkey\"",
                    error(session, "insert into c values (3, 3)"));
            TestDatabase.run(session, "begin; set constraints c_a_fkey deferred; insert into c values (3, 3);"
                    + " insert into p values (3, 3); commit");
            TestDatabase.run(session, "delete from p where id = 1");
            assertEquals(List.of(2, 3), TestDatabase.run(session, "select a from c order by a").get(0).rows()
                    .stream().map(row -> row[0]).toList());
            // the foreign key DROP ... CASCADE removed stays removed
            TestDatabase.run(session, "insert into r values (99)");
        } finally {
            engine.shutDown();
        }
    }
}
