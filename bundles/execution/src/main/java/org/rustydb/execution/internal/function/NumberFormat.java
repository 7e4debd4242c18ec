package org.rustydb.execution.internal.function;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * to_char(number, format) with PostgreSQL's patterns 9 0 . , D G S PR MI SG PL FM and quoted or
 * plain literal text. As in PostgreSQL: a sign position precedes the number unless S, PR, MI or SG
 * places it, leading positions are blank up to the first 0, a number with too many digits prints
 * as #, and FM drops the padding and the trailing zeros of 9 positions. D and G are the C locale's
 * point and comma. EEEE, V, TH, RN and L are not supported yet (0A000).
 */
final class NumberFormat {
    private enum Kind { NINE, ZERO, POINT, GROUP, S, PR, MI, SG, PL, TEXT }

    private record Token(Kind kind, String text) {
    }

    private NumberFormat() {
    }

    static String format(BigDecimal value, String format, boolean isFloat) {
        List<Token> tokens = new ArrayList<>();
        boolean fm = parse(format, tokens);
        int pre = 0;
        int post = 0;
        int zeroStart = -1;
        boolean afterPoint = false;
        boolean explicitSign = false;
        boolean pr = false;
        for (Token t : tokens) {
            switch (t.kind) {
                case NINE, ZERO -> {
                    if (afterPoint) {
                        post++;
                    } else {
                        if (t.kind == Kind.ZERO && zeroStart < 0) {
                            zeroStart = pre;
                        }
                        pre++;
                    }
                }
                case POINT -> afterPoint = true;
                case S, MI, SG -> explicitSign = true;
                case PR -> {
                    explicitSign = true;
                    pr = true;
                }
                default -> {
                }
            }
        }
        BigDecimal v = value;
        if (isFloat) {
            // float8_to_char keeps to DBL_DIG significant digits
            int preLength = v.abs().setScale(0, RoundingMode.HALF_EVEN).toPlainString().length();
            post = preLength >= 15 ? 0 : Math.min(post, 15 - preLength);
        }
        BigDecimal rounded = v.setScale(post, isFloat ? RoundingMode.HALF_EVEN : RoundingMode.HALF_UP);
        boolean negative = rounded.signum() < 0;
        String plain = rounded.abs().toPlainString();
        int dot = plain.indexOf('.');
        String intDigits = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot + 1);
        if (intDigits.equals("0") && post > 0) {
            intDigits = ""; // "0.xxx" prints without the 0 unless a 0 position asks for it
        }
        boolean overflow = intDigits.length() > pre;
        if (zeroStart < 0) {
            zeroStart = pre;
        }

        StringBuilder out = new StringBuilder();
        int intSlot = 0;
        int fracSlot = 0;
        boolean started = false; // a digit, forced zero or point has been written
        int fracEnd = -1;        // where the fraction's last kept character ends, for FM
        int digitsEnd = -1;      // where the fraction's digits end
        String minus = negative ? "-" : " ";
        for (Token t : tokens) {
            switch (t.kind) {
                case NINE, ZERO -> {
                    if (fracSlot > 0 || (afterPointReached(tokens, t))) {
                        if (fracSlot >= post) {
                            fracSlot++; // positions beyond a double's 15 digits print nothing
                            continue;
                        }
                        char c = overflow ? '#' : fracSlot < fraction.length() ? fraction.charAt(fracSlot) : '0';
                        out.append(c);
                        digitsEnd = out.length();
                        fracSlot++;
                        if (!fm || t.kind == Kind.ZERO || c != '0') {
                            fracEnd = out.length();
                        }
                        continue;
                    }
                    int d = intSlot - (pre - intDigits.length());
                    String cell;
                    if (overflow) {
                        cell = "#";
                    } else if (d >= 0) {
                        cell = String.valueOf(intDigits.charAt(d));
                    } else if (intSlot >= zeroStart) {
                        cell = "0";
                    } else {
                        cell = null;
                    }
                    intSlot++;
                    if (cell == null) {
                        out.append(fm ? "" : " ");
                    } else {
                        if (!started) {
                            started = true;
                            out.append(leadingSign(explicitSign, pr, tokens, negative, fm));
                        }
                        out.append(cell);
                    }
                }
                case POINT -> {
                    if (!started) {
                        started = true;
                        out.append(leadingSign(explicitSign, pr, tokens, negative, fm));
                    }
                    if (post > 0) {
                        out.append('.');
                        fracEnd = out.length();
                    }
                }
                case GROUP -> out.append(started ? "," : fm ? "" : " ");
                case S -> {
                    if (isTrailing(tokens, t)) {
                        out.append(negative ? '-' : '+');
                    }
                }
                case PR -> out.append(negative ? ">" : fm ? "" : " ");
                case MI -> out.append(negative ? "-" : fm ? "" : " ");
                case SG -> out.append(negative ? '-' : '+');
                case PL -> out.append(negative ? (fm ? "" : " ") : "+");
                case TEXT -> out.append(t.text);
            }
        }
        if (!started) {
            out.append(leadingSign(explicitSign, pr, tokens, negative, fm));
        }
        String result = out.toString();
        if (fm && fracEnd >= 0 && digitsEnd > fracEnd) {
            result = result.substring(0, fracEnd) + result.substring(digitsEnd);
        }
        return result;
    }

    /** The sign written just before the number: the default slot, S in front, or PR's bracket. */
    private static String leadingSign(boolean explicitSign, boolean pr, List<Token> tokens, boolean negative,
                                      boolean fm) {
        if (pr) {
            return negative ? "<" : fm ? "" : " ";
        }
        for (Token t : tokens) {
            if (t.kind == Kind.S) {
                return isTrailing(tokens, t) ? "" : negative ? "-" : "+";
            }
        }
        if (explicitSign) {
            return "";
        }
        return negative ? "-" : fm ? "" : " ";
    }

    /** S after the last digit position signs at the end. */
    private static boolean isTrailing(List<Token> tokens, Token s) {
        int i = tokens.indexOf(s);
        for (int j = i + 1; j < tokens.size(); j++) {
            Kind k = tokens.get(j).kind;
            if (k == Kind.NINE || k == Kind.ZERO || k == Kind.POINT) {
                return false;
            }
        }
        return i > 0;
    }

    private static boolean afterPointReached(List<Token> tokens, Token digit) {
        for (Token t : tokens) {
            if (t == digit) {
                return false;
            }
            if (t.kind == Kind.POINT) {
                return true;
            }
        }
        return false;
    }

    /** Splits the format; returns whether FM was given. */
    private static boolean parse(String format, List<Token> tokens) {
        boolean fm = false;
        int i = 0;
        while (i < format.length()) {
            String rest = format.substring(i).toUpperCase(Locale.ROOT);
            char c = format.charAt(i);
            if (rest.startsWith("FM")) {
                fm = true;
                i += 2;
            } else if (c == '9' || c == '0') {
                tokens.add(new Token(c == '9' ? Kind.NINE : Kind.ZERO, null));
                i++;
            } else if (c == '.' || rest.startsWith("D")) {
                tokens.add(new Token(Kind.POINT, null));
                i++;
            } else if (c == ',' || rest.startsWith("G")) {
                tokens.add(new Token(Kind.GROUP, null));
                i++;
            } else if (rest.startsWith("PR") || rest.startsWith("MI") || rest.startsWith("SG") || rest.startsWith("PL")) {
                tokens.add(new Token(Kind.valueOf(rest.substring(0, 2)), null));
                i += 2;
            } else if (rest.startsWith("S")) {
                tokens.add(new Token(Kind.S, null));
                i++;
            } else if (rest.startsWith("EEEE") || rest.startsWith("V") || rest.startsWith("TH")
                    || rest.startsWith("RN") || rest.startsWith("L")) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "the to_char pattern \"%s\" is not supported yet",
                        format.substring(i, Math.min(format.length(), i + (rest.startsWith("EEEE") ? 4 : 2))));
            } else if (c == '"') {
                StringBuilder text = new StringBuilder();
                i = DateTimeFormat.quoted(format, i, text);
                tokens.add(new Token(Kind.TEXT, text.toString()));
            } else if (c == '\\' && i + 1 < format.length()) {
                tokens.add(new Token(Kind.TEXT, String.valueOf(format.charAt(i + 1))));
                i += 2;
            } else {
                tokens.add(new Token(Kind.TEXT, String.valueOf(c)));
                i++;
            }
        }
        return fm;
    }
}
