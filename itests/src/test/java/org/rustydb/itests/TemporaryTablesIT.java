package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Temporary tables over real connections: private to their session, and gone when it ends
 * (checked in the storage engine through the shell's rustydb:check, which lists every table).
 */
class TemporaryTablesIT extends AgainstDistributionOrReference {

    @Test
    void aTemporaryTableIsPrivateToItsSessionAndDroppedWhenItEnds() throws Exception {
        try (Connection other = connect()) {
            try (Connection owner = connect()) {
                Sql.execute(owner, "create temp table scratch (id int primary key, v text)");
                Sql.execute(owner, "insert into scratch values (1, 'mine')");
                assertEquals(List.of(List.of("1", "mine")), Sql.query(owner, "select id, v from scratch"));
                SQLException e = assertThrows(SQLException.class, () -> Sql.query(other, "select id from scratch"));
                assertEquals("42P01", e.getSQLState());
                // the other session has a namespace of its own
                Sql.execute(other, "create temp table scratch (id int)");
                assertEquals(List.of(), Sql.query(other, "select id from scratch"));
                if (distribution() != null) {
                    assertEquals(2, tempTablesInStorage(), "both sessions' temporary tables exist");
                }
            }
            if (distribution() != null) {
                Poll.until(TIMEOUT, "the closed session's temporary table to be dropped",
                        () -> tempTablesInStorage() == 1);
            }
            assertEquals(List.of(), Sql.query(other, "select id from scratch"));
        }
        if (distribution() != null) {
            Poll.until(TIMEOUT, "every temporary table to be dropped", () -> tempTablesInStorage() == 0);
        }
    }

    private long tempTablesInStorage() throws Exception {
        return Gogo.run(distribution().context(), "rustydb:check").lines().stream()
                .filter(line -> line.startsWith("scratch:")).count();
    }
}
