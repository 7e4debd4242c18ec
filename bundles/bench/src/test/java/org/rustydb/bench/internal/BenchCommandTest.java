package org.rustydb.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

class BenchCommandTest {
    @Test
    void saysSoWhenThereIsNoLocalDataSource() {
        H2.Output out = new H2.Output();
        DbException e = assertThrows(DbException.class,
                () -> new BenchCommand(() -> null).execute(List.of("tpcb"), out.stream));
        assertEquals("57P03", e.sqlState());
        assertTrue(e.getMessage().contains("no local data source is available"), e.getMessage());
    }

    @Test
    void badArgumentsAre22023() {
        H2.Output out = new H2.Output();
        BenchCommand command = new BenchCommand(() -> null);
        assertEquals("22023", assertThrows(DbException.class, () -> command.execute(List.of(), out.stream)).sqlState());
        assertEquals("22023", assertThrows(DbException.class,
                () -> command.execute(List.of("tpcb", "--clients", "x"), out.stream)).sqlState());
        assertTrue(out.toString().contains("usage: rustydb:bench"), out.toString());
    }

    @Test
    void runsAgainstTheDataSource() {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(H2.url());
        H2.Output out = new H2.Output();
        new BenchCommand(() -> source).execute(List.of("ycsb-c", "--records", "100", "--duration", "1",
                "--warmup", "0", "--clients", "1"), out.stream);
        String text = out.toString();
        assertTrue(text.contains("rustydb-local  ycsb-c    read") && text.contains("bench: done"), text);
    }
}
