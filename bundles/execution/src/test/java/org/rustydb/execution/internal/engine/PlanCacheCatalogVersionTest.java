package org.rustydb.execution.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.Session;
import org.rustydb.execution.internal.plan.RecordingStorage;
import org.rustydb.execution.slt.TestDatabase;
import org.rustydb.storage.memory.internal.MemoryStorageEngine;

/** A kept plan resolves its names again only when the storage engine's catalog version moved. */
class PlanCacheCatalogVersionTest {
    private final SqlQueryEngine engine = new SqlQueryEngine();
    private final RecordingStorage storage = new RecordingStorage(new MemoryStorageEngine());
    private final TestDatabase db = new TestDatabase(storage, engine);
    private final Session session = db.open();

    @AfterEach
    void close() {
        session.close();
    }

    private Object single(String sql) {
        return TestDatabase.run(session, sql).get(0).rows().get(0)[0];
    }

    /** Runs the query and counts the table lookups by name it made, checking that it reused its plan. */
    private int lookups(String sql) {
        long reuses = engine.queryPlanReuses();
        int before = storage.tableLookups.get();
        single(sql);
        assertEquals(reuses + 1, engine.queryPlanReuses(), "reused");
        return storage.tableLookups.get() - before;
    }

    @Test
    void whileTheCatalogStaysTheSameNamesAreNotResolvedAgain() {
        TestDatabase.run(session, "create table t (a int)");
        TestDatabase.run(session, "insert into t values (1)");
        String query = "select a from t";
        single(query);
        assertEquals(0, lookups(query));
        TestDatabase.run(session, "insert into t values (2)"); // rows are not the catalog
        assertEquals(0, lookups(query));
        TestDatabase.run(session, "create table other (b int)"); // any catalog change: checked once again
        assertTrue(lookups(query) > 0);
        assertEquals(0, lookups(query));
        try (Session another = db.open()) {
            TestDatabase.run(another, "create index t_a on t (a)");
        }
        assertTrue(lookups(query) > 0);
        assertEquals(0, lookups(query));
    }

    @Test
    void anEngineThatCannotTellIsCheckedEveryTime() {
        storage.catalogVersionUnknown = true;
        TestDatabase.run(session, "create table t (a int)");
        TestDatabase.run(session, "insert into t values (1)");
        String query = "select a from t";
        single(query);
        assertTrue(lookups(query) > 0);
        assertTrue(lookups(query) > 0);
    }
}
