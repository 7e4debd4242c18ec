package org.rustydb.client.internal.jdbc;

import java.sql.Connection;
import java.util.Map;

import org.rustydb.execution.slt.TestDatabase;

/** JDBC connections to a real database wired in plain Java (kernel, SQL engine, memory storage). */
final class TestConnections {
    private TestConnections() {
    }

    static Connection open(TestDatabase db) {
        return new JdbcConnection(db.kernel().openSession("rustydb", Map.of()), "jdbc:rustydb:test", null);
    }

    static Connection open() {
        return open(new TestDatabase());
    }
}
