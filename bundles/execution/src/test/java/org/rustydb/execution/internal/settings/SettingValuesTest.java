package org.rustydb.execution.internal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.parser.Identifiers;

/** The value parsers of the settings, with the answers PostgreSQL 15 gives. */
class SettingValuesTest {

    private static DbException fails(Runnable r) {
        return assertThrows(DbException.class, r::run);
    }

    @Test
    void durationsReadAsPostgreSqlReadsIntegersWithUnits() {
        assertEquals("0", Durations.canonical("t", "0"));
        assertEquals("0", Durations.canonical("t", "-0"));
        assertEquals("1500ms", Durations.canonical("t", "1500"));
        assertEquals("1500ms", Durations.canonical("t", "1.5s"));
        assertEquals("0", Durations.canonical("t", "100us"));
        assertEquals("2ms", Durations.canonical("t", "1500us")); // half to even, like rint
        assertEquals("0", Durations.canonical("t", "0.5"));
        assertEquals("2ms", Durations.canonical("t", "2.5"));
        assertEquals("1s", Durations.canonical("t", "1e3"));
        assertEquals("16ms", Durations.canonical("t", "0x10"));
        assertEquals("8ms", Durations.canonical("t", "010")); // octal, as strtol reads it
        assertEquals("10s", Durations.canonical("t", " 10 s "));
        assertEquals("5s", Durations.canonical("t", "+5s"));
        assertEquals("90s", Durations.canonical("t", "1.5min"));
        assertEquals("1d", Durations.canonical("t", "24h"));
        assertEquals("1h", Durations.canonical("t", "3600000"));
        assertEquals("2147483647ms", Durations.canonical("t", "2147483647"));
        assertEquals(60_000, Durations.parse("t", "1min"));
    }

    @Test
    void badDurationsFailWithPostgreSqlsMessagesAndHints() {
        DbException unit = fails(() -> Durations.canonical("lock_timeout", "10S"));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, unit.sqlState());
        assertEquals("invalid value for parameter \"lock_timeout\": \"10S\"", unit.getMessage());
        assertEquals("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
                unit.hint());
        assertEquals("Value exceeds integer range.", fails(() -> Durations.canonical("t", "2147483648")).hint());
        assertEquals("Value exceeds integer range.", fails(() -> Durations.canonical("t", "3000000s")).hint());
        assertNull(fails(() -> Durations.canonical("t", "")).hint());
        assertNull(fails(() -> Durations.canonical("t", "abc")).hint());
        assertNull(fails(() -> Durations.canonical("t", "1e999")).hint());
        assertEquals("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
                fails(() -> Durations.canonical("t", "10 sec")).hint());
        assertEquals("-2 ms is outside the valid range for parameter \"t\" (0 .. 2147483647)",
                fails(() -> Durations.canonical("t", "-1.5")).getMessage());
        assertEquals(3, Durations.parseInteger("extra_float_digits", "2.6", -15, 3));
        assertEquals("4 is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)",
                fails(() -> Durations.parseInteger("extra_float_digits", "4", -15, 3)).getMessage());
        assertEquals("invalid value for parameter \"extra_float_digits\": \"1s\"",
                fails(() -> Durations.parseInteger("extra_float_digits", "1s", -15, 3)).getMessage());
    }

    @Test
    void dateStylesKeepWhatTheValueLeavesOut() {
        String iso = "ISO, MDY";
        assertEquals("German, DMY", DateStyles.canonical("German", iso, iso));
        assertEquals("German, YMD", DateStyles.canonical("ymd, german", iso, iso));
        assertEquals("ISO, DMY", DateStyles.canonical("ISO", "German, DMY", iso));
        assertEquals("SQL, DMY", DateStyles.canonical("SQL, DMY", iso, iso));
        assertEquals("Postgres, YMD", DateStyles.canonical("ymd", "Postgres, DMY", iso));
        assertEquals("ISO, DMY", DateStyles.canonical("European", iso, iso));
        assertEquals("SQL, MDY", DateStyles.canonical("us, sql", iso, iso));
        assertEquals("Postgres, MDY", DateStyles.canonical("NonEuropean, Postgres", iso, iso));
        assertEquals("ISO, MDY", DateStyles.canonical("default", "SQL, DMY", iso));
        assertEquals("SQL, MDY", DateStyles.canonical("sql, default", "German, DMY", iso));
        assertEquals("German, DMY", DateStyles.canonical("", "German, DMY", iso));
        assertEquals("Conflicting \"datestyle\" specifications.",
                fails(() -> DateStyles.canonical("iso, sql", iso, iso)).detail());
        assertEquals("Conflicting \"datestyle\" specifications.",
                fails(() -> DateStyles.canonical("dmy, mdy", iso, iso)).detail());
        DbException unknown = fails(() -> DateStyles.canonical("foo", iso, iso));
        assertEquals("invalid value for parameter \"DateStyle\": \"foo\"", unknown.getMessage());
        assertEquals("Unrecognized key word: \"foo\".", unknown.detail());
        assertEquals("List syntax is invalid.", fails(() -> DateStyles.canonical("iso ymd", iso, iso)).detail());
    }

    @Test
    void timeZonesByNameNumberOrPosixSpecification() {
        assertEquals("Europe/Paris", TimeZones.canonical("europe/paris"));
        assertEquals("America/New_York", TimeZones.canonical("america/NEW_york"));
        assertEquals("UTC", TimeZones.canonical("utc"));
        assertEquals("Etc/GMT+5", TimeZones.canonical("Etc/GMT+5"));
        assertEquals("EST", TimeZones.canonical("EST"));
        assertEquals("posix/Europe/Paris", TimeZones.canonical("POSIX/europe/paris"));
        assertEquals("<+05>-05", TimeZones.canonical("5"));
        assertEquals("<-03:30>+03:30", TimeZones.canonical("-3.5"));
        assertEquals("<+00>-00", TimeZones.canonical("0"));
        assertEquals("UTC+3", TimeZones.canonical("utc+3"));
        assertEquals("+02:00", TimeZones.canonical("+02:00"));
        assertEquals("<+03>-03", TimeZones.canonical("<+03>-03"));
        assertEquals("A/B+3", TimeZones.canonical("a/b+3"));
        assertEquals("UTC+3:30", TimeZones.canonical("utc+3:30"));
        assertEquals("EST5EDT,M3.2.0,M11.1.0", TimeZones.canonical("EST5EDT,M3.2.0,M11.1.0"));
        for (String bad : List.of("PST", "Z", "Nowhere/Else", "", "UTC+200", "200", "X+1:60")) {
            DbException e = fails(() -> TimeZones.canonical(bad));
            assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState(), bad);
            assertEquals("invalid value for parameter \"TimeZone\": \"" + bad + "\"", e.getMessage());
        }
    }

    @Test
    void clientEncodingsUtf8UnderAnyNameOthersRefused() {
        assertEquals("UTF8", ClientEncodings.canonical("utf-8"));
        assertEquals("UTF8", ClientEncodings.canonical("Utf_8"));
        assertEquals("UTF8", ClientEncodings.canonical("unicode"));
        assertEquals("UNICODE", ClientEncodings.canonical("UNICODE"));
        assertEquals("SQL_ASCII", ClientEncodings.canonical("sql ascii"));
        DbException latin = fails(() -> ClientEncodings.canonical("iso-8859-1"));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, latin.sqlState());
        assertEquals("invalid value for parameter \"client_encoding\": \"iso-8859-1\"", latin.getMessage());
        assertEquals("Conversion between LATIN1 and UTF8 is not supported.", latin.detail());
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, fails(() -> ClientEncodings.canonical("klingon")).sqlState());
    }

    @Test
    void identifierListsAsSplitIdentifierString() {
        assertEquals(List.of("$user", "public"), IdentifierList.split("\"$user\", public"));
        assertEquals(List.of("foo", "Bar", "a\"b", ""), IdentifierList.split(" FOO ,\"Bar\",\"a\"\"b\",\"\" "));
        assertEquals(List.of(), IdentifierList.split("  "));
        for (String bad : Arrays.asList("a b", "a,", ",a", "\"open", "a,,b")) {
            assertNull(IdentifierList.split(bad), bad);
        }
    }

    @Test
    void identifiersQuotedAsQuoteIdentifier() {
        assertEquals("public", Identifiers.quote("public"));
        assertEquals("_x1", Identifiers.quote("_x1"));
        assertEquals("\"$user\"", Identifiers.quote("$user"));
        assertEquals("\"Foo\"", Identifiers.quote("Foo"));
        assertEquals("\"select\"", Identifiers.quote("select"));
        assertEquals("\"1\"", Identifiers.quote("1"));
        assertEquals("\"\"", Identifiers.quote(""));
        assertEquals("\"a\"\"b\"", Identifiers.quote("a\"b"));
    }

    @Test
    void booleansAsParseBool() {
        for (String yes : List.of("on", "ON", "t", "true", "y", "yes", "1")) {
            assertEquals(true, Parameters.bool("b", yes), yes);
        }
        for (String no : List.of("of", "off", "f", "FALSE", "n", "no", "0")) {
            assertEquals(false, Parameters.bool("b", no), no);
        }
        for (String bad : List.of("o", "", "maybe", "2")) {
            assertEquals("parameter \"b\" requires a Boolean value", fails(() -> Parameters.bool("b", bad)).getMessage());
        }
    }

    @Test
    void fieldsSurviveAnyText() {
        List<String> fields = Arrays.asList("a", null, "", "x:y+-3:", "\0");
        assertEquals(fields, SettingsTransaction.Fields.decode(SettingsTransaction.Fields.encode(fields)));
    }

    @Test
    void applicationNameIsCutAndCleanedAsInPostgreSql() {
        assertEquals("a".repeat(63), Parameters.truncateName("a".repeat(70)));
        assertEquals("é".repeat(31), Parameters.truncateName("é".repeat(40)), "whole characters within 63 bytes");
    }

    @Test
    void settingsAreFoundByAnySpellingOfTheirName() {
        Parameter timeZone = Parameters.find("timezone");
        assertEquals("TimeZone", timeZone.name());
        assertEquals("timezone", timeZone.key());
        for (String name : List.of("TimeZone", "TIMEZONE", "timeZone")) {
            assertSame(timeZone, Parameters.find(name));
        }
        assertSame(Parameters.find("datestyle"), Parameters.find("DateStyle"));
        assertNull(Parameters.find("no_such_setting"));
        assertNull(Parameters.find("NO_SUCH_SETTING"));
    }
}
