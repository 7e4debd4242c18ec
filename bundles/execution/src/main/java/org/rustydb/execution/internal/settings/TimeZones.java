package org.rustydb.execution.internal.settings;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * TimeZone values as PostgreSQL's check_timezone accepts them: a number of hours (SQL sign
 * convention, shown as a POSIX zone such as {@code <+05>-05}), an IANA zone name matched ignoring
 * case and shown as the database spells it ({@code europe/paris} is {@code Europe/Paris}), or a
 * POSIX zone specification such as {@code UTC+3} or {@code <+03>-03} (shown in upper case). The
 * zone names are those of the JVM's time-zone database, which follows the IANA database as
 * PostgreSQL's does (the two may differ by a release). timestamptz values are read and shown in
 * the zone ({@code ValueText.zoneOf} turns the canonical form into a Java zone; daylight-saving
 * rules of a POSIX specification are not applied).
 */
final class TimeZones {
    private static final Map<String, String> ZONES = new HashMap<>();

    /** A POSIX TZ: std name (letters, possibly empty, or <...>), offset, then optionally dst name, offset and rules. */
    private static final Pattern POSIX;

    static {
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (!id.startsWith("SystemV/")) { // gone from the IANA database; PostgreSQL does not know them
                ZONES.put(id.toUpperCase(Locale.ROOT), id);
            }
        }
        // IANA zones the JVM leaves out of its list (it knows them only as "short IDs")
        for (String id : new String[] {"EST", "HST", "MST", "GMT+0", "GMT-0", "ROC", "Factory"}) {
            ZONES.put(id.toUpperCase(Locale.ROOT), id);
        }
        String name = "(?:<[A-Za-z0-9+-]+>|[^0-9,+<>-]*)";
        String offset = "[+-]?\\d{1,3}(?::\\d{1,2}(?::\\d{1,2})?)?";
        String time = "(?:/[+-]?\\d{1,3}(?::\\d{1,2}(?::\\d{1,2})?)?)?";
        String rule = "(?:J\\d{1,3}|\\d{1,3}|M\\d{1,2}\\.\\d\\.\\d)" + time;
        POSIX = Pattern.compile(name + offset + "(?:" + "(?:<[A-Za-z0-9+-]+>|[A-Za-z]+)" + "(?:" + offset + ")?"
                + "(?:," + rule + "," + rule + ")?)?");
    }

    private TimeZones() {
    }

    /** The server's zone when the time-zone database knows it by name, else UTC. */
    static String serverDefault() {
        String id = ZoneId.systemDefault().getId();
        String known = ZONES.get(id.toUpperCase(Locale.ROOT));
        return known != null ? known : "UTC";
    }

    /** The canonical form of a valid value. */
    static String canonical(String value) {
        String v = value.strip();
        Double hours = hours(v);
        if (hours != null) {
            return fromHours(hours, value);
        }
        String upper = value.toUpperCase(Locale.ROOT);
        String zone = ZONES.get(upper);
        if (zone != null) {
            return zone;
        }
        // the database's posix/ copy of every zone
        if (upper.startsWith("POSIX/") && ZONES.containsKey(upper.substring(6))) {
            return "posix/" + ZONES.get(upper.substring(6));
        }
        if (!upper.startsWith(":") && POSIX.matcher(upper).matches() && hoursInRange(upper)) {
            return upper;
        }
        throw invalid(value);
    }

    /** The number when the whole value is a decimal number, as strtod reads it, else null. */
    private static Double hours(String v) {
        if (!v.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        return Double.parseDouble(v);
    }

    /** PostgreSQL's pg_tzset_offset name: {@code <+05>-05}, {@code <-03:30>+03:30}. */
    private static String fromHours(double hours, String value) {
        long seconds = Math.round(-hours * 3600); // SQL to POSIX sign
        long abs = Math.abs(seconds);
        if (Double.isInfinite(hours) || abs >= 168L * 3600) {
            throw invalid(value).withDetail("UTC timezone offset is out of range.");
        }
        StringBuilder text = new StringBuilder(String.format("%02d", abs / 3600));
        abs %= 3600;
        if (abs != 0) {
            text.append(String.format(":%02d", abs / 60));
            abs %= 60;
            if (abs != 0) {
                text.append(String.format(":%02d", abs));
            }
        }
        return seconds > 0 ? "<-" + text + ">+" + text : "<+" + text + ">-" + text;
    }

    private static final Pattern OFFSET = Pattern.compile("(?<![0-9:])(\\d{1,3})(?::(\\d{1,2}))?(?::(\\d{1,2}))?");

    /** POSIX offsets go up to 167 hours, minutes and seconds up to 59 (the rules after a comma aside). */
    private static boolean hoursInRange(String spec) {
        int comma = spec.indexOf(',');
        String offsets = (comma < 0 ? spec : spec.substring(0, comma)).replaceAll("<[^>]*>", "");
        java.util.regex.Matcher m = OFFSET.matcher(offsets);
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) > 167 || (m.group(2) != null && Integer.parseInt(m.group(2)) > 59)
                    || (m.group(3) != null && Integer.parseInt(m.group(3)) > 59)) {
                return false;
            }
        }
        return true;
    }

    private static DbException invalid(String value) {
        return DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"TimeZone\": \"%s\"",
                value);
    }
}
