package org.rustydb.execution.internal.exec.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlState;

/** Rows through the temporary-file format come back as the same objects, NULLs and edge values included. */
class RowCodecTest {

    private static Object[] roundTrip(Object[] row) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RowCodec.Output out = new RowCodec.Output(bytes);
        RowCodec.write(out, row);
        RowCodec.write(out, new Object[0]);
        assertEquals(bytes.size(), out.written());
        RowCodec.Input in = new RowCodec.Input(new ByteArrayInputStream(bytes.toByteArray()));
        Object[] back = RowCodec.read(in);
        assertEquals(0, RowCodec.read(in).length);
        assertNull(RowCodec.read(in), "end of stream");
        return back;
    }

    private static void assertSame(Object expected, Object actual) {
        if (expected instanceof byte[] b) {
            assertArrayEquals(b, (byte[]) actual);
            return;
        }
        assertEquals(expected, actual); // equals is class-strict for every value class but lists
        if (expected != null && !(expected instanceof List)) {
            assertEquals(expected.getClass(), actual.getClass());
        }
    }

    @Test
    void everyValueClassRoundTrips() throws IOException {
        List<Object> elements = new ArrayList<>(Arrays.asList(1, null, 3));
        Object[] row = {
            null, true, false, (short) -32768, (short) 32767, Integer.MIN_VALUE, Integer.MAX_VALUE, 0,
            Long.MIN_VALUE, Long.MAX_VALUE, -1L, "", "héllo wörld 🙂", new BigDecimal("1.500"),
            new BigDecimal("-123456789012345678901234567890.123456789"), BigDecimal.ZERO, new BigDecimal("0.00"),
            1.5f, -0.0f, Float.NaN, Float.NEGATIVE_INFINITY, 2.25d, -0.0d, Double.NaN, Double.POSITIVE_INFINITY,
            Double.MIN_VALUE, LocalDate.of(2024, 2, 29), LocalDate.of(-4712, 1, 1), LocalDate.MAX, LocalDate.MIN,
            LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000),
            LocalDateTime.of(1999, 12, 31, 23, 59, 59, 123_456_000), LocalDateTime.MAX, LocalDateTime.MIN,
            Instant.parse("2000-01-01T00:00:00Z"), Instant.ofEpochSecond(-1, 1000), Instant.MAX, Instant.MIN,
            new Interval(-14, 3, -86_400_000_001L), new Interval(0, 0, 0), new byte[0], new byte[] {0, -1, 127},
            UUID.randomUUID(), new UUID(0, 0), List.of(), elements, List.of("a", "b"),
            Arrays.asList(List.of(1L), null), Arrays.asList((Object) null)
        };
        Object[] back = roundTrip(row);
        assertEquals(row.length, back.length);
        for (int i = 0; i < row.length; i++) {
            assertSame(row[i], back[i]);
        }
        assertEquals(1, ((BigDecimal) back[13]).compareTo(BigDecimal.ONE));
        assertEquals(3, ((BigDecimal) back[13]).scale());
        assertEquals(Double.doubleToRawLongBits(-0.0d), Double.doubleToRawLongBits((Double) back[22]));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits((Float) back[18]));
    }

    @Test
    void randomRowsRoundTripThroughAFile(@TempDir Path dir) {
        Random random = new Random(7);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Object[] row = new Object[random.nextInt(6)];
            for (int c = 0; c < row.length; c++) {
                row[c] = switch (random.nextInt(6)) {
                    case 0 -> null;
                    case 1 -> random.nextLong() >> random.nextInt(64);
                    case 2 -> "s" + random.nextInt();
                    case 3 -> BigDecimal.valueOf(random.nextLong(), random.nextInt(20));
                    case 4 -> random.nextDouble();
                    default -> LocalDate.ofEpochDay(random.nextInt(2_000_000) - 1_000_000);
                };
            }
            rows.add(row);
        }
        try (SpillFile file = new SpillFile(dir)) {
            rows.forEach(file::write);
            assertEquals(rows.size(), file.rows());
            SpillFile.Reader reader = file.read();
            for (Object[] row : rows) {
                assertArrayEquals(row, reader.next());
            }
            assertNull(reader.next());
            assertEquals(Files.exists(file.path()), true);
            file.close();
            assertFalse(Files.exists(file.path()), "closing deletes the file");
        }
    }

    @Test
    void aValueOfNoSqlTypeIsAnInternalError() {
        DbException e = assertThrows(DbException.class, () -> roundTrip(new Object[] {new Object()}));
        assertEquals(SqlState.INTERNAL_ERROR, e.sqlState());
    }
}
