package org.rustydb.storage.log.internal.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RowChecksTest {
    @Test
    void rowTextPrintsValuesAsPostgreSqlDoes() {
        assertEquals("(1, abc, t, f, null)", RowChecks.rowText(new Object[] {1, "abc", true, false, null}));
        assertEquals("()", RowChecks.rowText(new Object[0]));
    }

    @Test
    void longValuesAreCutAtSixtyFourBytesOfWholeCharacters() {
        String x64 = "x".repeat(64);
        assertEquals("(" + x64 + ")", RowChecks.rowText(new Object[] {x64}));
        assertEquals("(" + x64 + "..., 1)", RowChecks.rowText(new Object[] {x64 + "y", 1}));
        // two bytes each: 32 fit
        assertEquals("(" + "é".repeat(32) + "...)", RowChecks.rowText(new Object[] {"é".repeat(100)}));
        // 63 + 2 bytes: the é does not fit whole
        assertEquals("(" + "x".repeat(63) + "...)", RowChecks.rowText(new Object[] {"x".repeat(63) + "é"}));
        assertEquals("(" + "😀".repeat(16) + "...)", RowChecks.rowText(new Object[] {"😀".repeat(17)}));
    }
}
