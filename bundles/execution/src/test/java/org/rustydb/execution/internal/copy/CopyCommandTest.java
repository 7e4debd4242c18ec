package org.rustydb.execution.internal.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.CopyChannel;
import org.rustydb.api.DbException;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.execution.slt.TestDatabase;

/** COPY through the engine, with a channel standing for the client. */
class CopyCommandTest {
    private final TestDatabase db = new TestDatabase();
    private final Session session = db.open();

    @AfterEach
    void close() {
        session.close();
    }

    /** Runs SQL with {@code input} as the client's copy data; returns the tags and what was copied out. */
    private List<String> run(String sql, String input, ByteArrayOutputStream output) {
        List<String> tags = new ArrayList<>();
        session.execute(sql, new ResultSink() {
            @Override
            public void accept(Result result) {
                while (result.next() != null) {
                    // read it all
                }
                tags.add(result.commandTag());
            }

            @Override
            public Optional<CopyChannel> copyChannel() {
                return Optional.of(new CopyChannel() {
                    @Override
                    public InputStream copyIn(int columnCount) {
                        return new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
                    }

                    @Override
                    public OutputStream copyOut(int columnCount) {
                        return output;
                    }
                });
            }
        });
        return tags;
    }

    private String copyOut(String sql) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run(sql, "", out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void copyInFillsDefaultsAndSerialsAndCopyOutWritesPostgreSqlText() {
        run("create table t (id serial, a int not null, b text, c numeric(5,2) default 1.5, d char(3))", "", null);
        assertEquals(List.of("COPY 3"), run("copy t (a, b, d) from stdin", "1\tone\tx\n2\t\\N\t\\N\n3\ttab\\there\t\n", null));
        assertEquals("1\t1\tone\t1.50\tx  \n2\t2\t\\N\t1.50\t\\N\n3\t3\ttab\\there\t1.50\t   \n",
                copyOut("copy t to stdout"));
        assertEquals("a,d\n1,x  \n", copyOut("copy (select a, d from t where a = 1) to stdout with csv header"));
    }

    @Test
    void anErrorRollsBackTheWholeCopyWithPostgreSqlContext() {
        run("create table t (a int primary key, b int check (b > 0))", "", null);
        DbException bad = assertThrows(DbException.class, () -> run("copy t from stdin", "1\t1\n2\tx\n", null));
        assertEquals("22P02", bad.sqlState());
        assertEquals("COPY t, line 2, column b: \"x\"", bad.context());
        DbException check = assertThrows(DbException.class, () -> run("copy t from stdin", "1\t1\n2\t-1\n", null));
        assertEquals("23514", check.sqlState());
        assertEquals("COPY t, line 2: \"2\t-1\"", check.context());
        DbException extra = assertThrows(DbException.class, () -> run("copy t from stdin", "1\t1\t1\n", null));
        assertEquals("extra data after last expected column", extra.getMessage());
        assertEquals("", copyOut("copy t to stdout"));
    }

    @Test
    void copyWithinABlockRollsBackWithIt() {
        run("create table t (a int)", "", null);
        run("begin", "", null);
        run("copy t from stdin (format csv)", "1\n2\n", null);
        assertEquals("1\n2\n", copyOut("copy t to stdout"));
        run("rollback", "", null);
        assertEquals("", copyOut("copy t to stdout"));
    }

    @Test
    void viewsFilesAndSinksWithoutAChannelAreRefused() {
        run("create table t (a int)", "", null);
        run("create view v as select a from t", "", null);
        assertEquals("42809", assertThrows(DbException.class, () -> copyOut("copy v to stdout")).sqlState());
        assertEquals("0A000", assertThrows(DbException.class, () -> copyOut("copy t to '/tmp/x'")).sqlState());
        DbException noChannel = assertThrows(DbException.class, () -> session.execute("copy t to stdout", r -> { }));
        assertEquals("0A000", noChannel.sqlState());
    }
}
