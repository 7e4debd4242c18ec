package org.rustydb.execution.internal.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.execution.slt.TestDatabase;

/** What VACUUM tells the client: INFO lines with VERBOSE, warnings for what it skips, the VACUUM tag. */
class VacuumCommandTest {
    private final TestDatabase db = new TestDatabase();
    private final Session session = db.open();
    private final List<String> notices = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();

    private void run(String sql) {
        session.execute(sql, new ResultSink() {
            @Override
            public void accept(Result result) {
                tags.add(result.commandTag());
            }

            @Override
            public void notice(Notice notice) {
                notices.add(notice.severity() + " " + notice.sqlState() + " " + notice.message());
            }
        });
    }

    private void setUp() {
        run("create table vt (a int primary key, b text); create index vt_b on vt (b); create table vu (x int);"
                + " insert into vt values (1, 'x'), (2, 'y'); update vt set b = 'z' where a = 1");
        notices.clear();
        tags.clear();
    }

    @Test
    void verboseReportsEachTable() {
        setUp();
        run("vacuum (verbose) vt");
        assertEquals(List.of("INFO 00000 vacuuming \"rustydb.public.vt\"",
                "INFO 00000 finished vacuuming \"rustydb.public.vt\"\n"
                        + "pages: 0 freed, 0 remain\n"
                        + "tuples: 0 removed, 2 remain, 0 are dead but not yet removable\n"
                        + "index entries: 0 removed"), notices);
        assertEquals(List.of("VACUUM"), tags);
    }

    @Test
    void withoutTablesEveryTableIsVacuumed() {
        setUp();
        run("vacuum verbose");
        assertEquals(List.of("INFO 00000 vacuuming \"rustydb.public.vt\"", "INFO 00000 vacuuming \"rustydb.public.vu\""),
                notices.stream().filter(n -> n.startsWith("INFO 00000 vacuuming")).toList());
        notices.clear();
        run("vacuum");
        assertEquals(List.of(), notices, "quiet without VERBOSE");
        assertEquals(List.of("VACUUM", "VACUUM"), tags);
    }

    @Test
    void anIndexIsSkippedWithAWarning() {
        setUp();
        run("vacuum vt_b, vu");
        assertEquals(List.of("WARNING 01000 skipping \"vt_b\" --- cannot vacuum non-tables or special system tables"),
                notices);
        assertEquals(List.of("VACUUM"), tags);
    }

    @Test
    void aFailedBlockStaysFailed() {
        setUp();
        run("begin");
        DbException e = assertThrows(DbException.class, () -> run("vacuum"));
        assertEquals("25001", e.sqlState());
        assertEquals("25P02", assertThrows(DbException.class, () -> run("select 1")).sqlState());
        run("rollback");
        run("vacuum vt");
        assertEquals(List.of("BEGIN", "ROLLBACK", "VACUUM"), tags);
    }
}
