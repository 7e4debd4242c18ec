package org.rustydb.execution.internal.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.execution.internal.types.DataType;

class LikeTest {

    private static Object like(String text, String pattern, String escape, boolean ilike) {
        BoundExpr esc = escape == null ? null : new Literal(DataType.TEXT, escape, 0);
        return new Like(new Literal(DataType.TEXT, text, 0), new Literal(DataType.TEXT, pattern, 0), esc, false, ilike)
                .eval(new Object[0]);
    }

    @Test
    void wildcards() {
        assertEquals(true, like("abc", "a%", null, false));
        assertEquals(true, like("abc", "%c", null, false));
        assertEquals(true, like("abc", "_b_", null, false));
        assertEquals(false, like("abc", "_b", null, false));
        assertEquals(true, like("", "%", null, false));
        assertEquals(false, like("", "_", null, false));
        assertEquals(true, like("a😀c", "a_c", null, false), "_ matches one character");
        assertEquals(true, like("mississippi", "%iss%ppi", null, false));
    }

    @Test
    void escapes() {
        assertEquals(true, like("a%", "a\\%", null, false));
        assertEquals(false, like("ab", "a\\%", null, false));
        assertEquals(true, like("a_", "a#_", "#", false));
        assertEquals(true, like("a\\", "a\\", "", false), "an empty ESCAPE turns escaping off");
        assertThrows(DbException.class, () -> like("ab", "a\\", null, false));
        assertEquals(false, like("b", "a\\", null, false), "the trailing escape is never reached");
    }

    @Test
    void caseInsensitive() {
        assertEquals(true, like("ABC", "a_c", null, true));
        assertEquals(false, like("ABC", "a_c", null, false));
    }

    @Test
    void manyPercentsStayFast() {
        String text = "a".repeat(5000);
        assertEquals(false, like(text, "%a%a%a%a%a%a%a%a%b", null, false));
    }
}
