package org.rustydb.execution.internal.settings;

import java.util.List;
import java.util.Locale;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * DateStyle values as PostgreSQL's check_datestyle reads them: a list of an output style (ISO,
 * SQL, Postgres, German) and a field order (DMY or Euro..., MDY or US or NonEuro..., YMD), each
 * optional; what is not given keeps its current value, German implies DMY unless an order is given,
 * and DEFAULT stands for the reset value. Shown as {@code ISO, MDY}. Date and time types do not
 * exist yet, so the setting changes nothing but what SHOW and clients see.
 */
final class DateStyles {
    static final String DEFAULT = "ISO, MDY";

    private DateStyles() {
    }

    /**
     * The canonical form of {@code value}.
     *
     * @param current    the current canonical value, which supplies what the value leaves out
     * @param resetValue the canonical value DEFAULT stands for
     */
    static String canonical(String value, String current, String resetValue) {
        List<String> tokens = IdentifierList.split(value);
        if (tokens == null) {
            throw invalid(value).withDetail("List syntax is invalid.");
        }
        String[] parts = current.split(", ");
        String style = parts[0];
        String order = parts[1];
        boolean haveStyle = false;
        boolean haveOrder = false;
        boolean ok = true;
        for (String token : tokens) {
            String t = token.toLowerCase(Locale.ROOT);
            String newStyle = null;
            String newOrder = null;
            switch (t) {
                case "iso" -> newStyle = "ISO";
                case "sql" -> newStyle = "SQL";
                case "postgres" -> newStyle = "Postgres";
                case "german" -> newStyle = "German";
                case "ymd" -> newOrder = "YMD";
                case "dmy" -> newOrder = "DMY";
                case "mdy", "us" -> newOrder = "MDY";
                case "default" -> {
                    String[] reset = resetValue.split(", ");
                    style = haveStyle ? style : reset[0];
                    order = haveOrder ? order : reset[1];
                }
                default -> {
                    if (t.startsWith("euro")) {
                        newOrder = "DMY";
                    } else if (t.startsWith("noneuro")) {
                        newOrder = "MDY";
                    } else {
                        throw invalid(value).withDetail("Unrecognized key word: \"" + token + "\".");
                    }
                }
            }
            if (newStyle != null) {
                ok &= !haveStyle || style.equals(newStyle);
                style = newStyle;
                haveStyle = true;
                if (newStyle.equals("German") && !haveOrder) {
                    order = "DMY";
                }
            }
            if (newOrder != null) {
                ok &= !haveOrder || order.equals(newOrder);
                order = newOrder;
                haveOrder = true;
            }
        }
        if (!ok) {
            throw invalid(value).withDetail("Conflicting \"datestyle\" specifications.");
        }
        return style + ", " + order;
    }

    private static DbException invalid(String value) {
        return DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"DateStyle\": \"%s\"",
                value);
    }
}
