package org.rustydb.execution.internal.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ObjectNamesTest {
    private static final String TABLE = "ThisIsAVeryLongTableNameThatGoesOnAndOnAndOnForeverAndEverXYZ";
    private static final String COLUMN = "AnotherVeryLongColumnNameWhichIsAlsoQuiteLongIndeedYesVeryLong";

    @Test
    void shortNamesAreJoinedAndNumberedWhenTaken() {
        assertEquals("t_a_idx", ObjectNames.choose("t", "a", "idx", n -> false));
        assertEquals("t_a_b_idx", ObjectNames.choose("t", ObjectNames.columnsPart(List.of("a", "b")), "idx", n -> false));
        Set<String> taken = Set.of("u_a_idx", "u_a_idx1");
        assertEquals("u_a_idx2", ObjectNames.choose("u", "a", "idx", taken::contains));
    }

    /** The names PostgreSQL 15 gave two unnamed indexes on (a, COLUMN) of TABLE. */
    @Test
    void longNamesAreShortenedAsPostgresShortensThem() {
        String columns = ObjectNames.columnsPart(List.of("a", COLUMN));
        String first = ObjectNames.choose(TABLE, columns, "idx", n -> false);
        assertEquals("ThisIsAVeryLongTableNameThatG_a_AnotherVeryLongColumnNameWh_idx", first);
        assertEquals("ThisIsAVeryLongTableNameThatG_a_AnotherVeryLongColumnNameW_idx1",
                ObjectNames.choose(TABLE, columns, "idx", first::equals));
    }

    @Test
    void shorteningNeverSplitsACharacter() {
        String table = "é".repeat(40); // 80 bytes
        String name = ObjectNames.make(table, "a", "idx");
        assertEquals(table.substring(0, 28) + "_a_idx", name);
    }
}
