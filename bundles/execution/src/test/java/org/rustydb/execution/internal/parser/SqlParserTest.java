package org.rustydb.execution.internal.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.ResultSink;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.exec.StatementHandler;

class SqlParserTest {

    private static List<ParsedStatement> parse(String sql) {
        return SqlParser.parse(sql, k -> Optional.empty());
    }

    private static DbException syntaxError(String sql) {
        DbException e = assertThrows(DbException.class, () -> parse(sql));
        assertEquals("42601", e.sqlState());
        return e;
    }

    @Test
    void syntaxErrorsNameTheTokenAndItsPosition() {
        DbException e = syntaxError("selec 1");
        assertEquals("syntax error at or near \"selec\"", e.getMessage());
        assertEquals(1, e.position());
        e = syntaxError("select a b c from t");
        assertEquals("syntax error at or near \"c\"", e.getMessage());
        assertEquals(12, e.position());
    }

    @Test
    void syntaxErrorAtTheEnd() {
        DbException e = syntaxError("select 1 +");
        assertEquals("syntax error at end of input", e.getMessage());
        assertEquals(11, e.position());
        e = syntaxError("select 1 +; select 2");
        assertEquals("syntax error at or near \";\"", e.getMessage());
        assertEquals(11, e.position());
    }

    @Test
    void positionsCountCharactersAcrossLinesAndStatements() {
        DbException e = syntaxError("select 1;\nselect '😀', 2 2");
        // 'select 1;\n' is 10 characters and the emoji counts as one: the second 2 is character 25
        assertEquals(25, e.position());
    }

    @Test
    void aSyntaxErrorAnywhereFailsTheWholeString() {
        syntaxError("select 1; select 2; selec 3");
    }

    @Test
    void parsesTransactionControl() {
        List<ParsedStatement> s = parse("begin; start transaction isolation level repeatable read, read only;"
                + " commit work; end; rollback; abort transaction");
        TransactionCommand begin = ((ParsedStatement.TransactionControl) s.get(0)).command();
        assertEquals(TransactionCommand.Kind.BEGIN, begin.kind());
        assertNull(begin.isolation());
        assertEquals("BEGIN", begin.tag());
        TransactionCommand start = ((ParsedStatement.TransactionControl) s.get(1)).command();
        assertEquals(IsolationLevel.REPEATABLE_READ, start.isolation());
        assertEquals(Boolean.TRUE, start.readOnly());
        assertEquals("START TRANSACTION", start.tag());
        assertEquals(List.of("COMMIT", "COMMIT", "ROLLBACK", "ROLLBACK"), s.subList(2, 6).stream()
                .map(p -> ((ParsedStatement.TransactionControl) p).command().tag()).toList());
        assertEquals("syntax error at or near \"level\"", syntaxError("begin isolation level level").getMessage());
    }

    @Test
    void parsesSavepointsAndSetTransaction() {
        List<ParsedStatement> s = parse("savepoint a; release savepoint a; release \"B c\"; rollback to savepoint a;"
                + " rollback work to a; release savepoint; rollback transaction to savepoint;"
                + " set transaction isolation level serializable, read only; set session transaction read write");
        List<TransactionCommand> commands = s.stream()
                .map(p -> ((ParsedStatement.TransactionControl) p).command()).toList();
        assertEquals(List.of(TransactionCommand.Kind.SAVEPOINT, TransactionCommand.Kind.RELEASE,
                TransactionCommand.Kind.RELEASE, TransactionCommand.Kind.ROLLBACK_TO, TransactionCommand.Kind.ROLLBACK_TO,
                TransactionCommand.Kind.RELEASE, TransactionCommand.Kind.ROLLBACK_TO,
                TransactionCommand.Kind.SET_TRANSACTION, TransactionCommand.Kind.SET_TRANSACTION),
                commands.stream().map(TransactionCommand::kind).toList());
        // a savepoint may be called "savepoint"
        assertEquals(List.of("a", "a", "B c", "a", "a", "savepoint", "savepoint"),
                commands.subList(0, 7).stream().map(TransactionCommand::savepoint).toList());
        assertEquals(List.of("SAVEPOINT", "RELEASE", "RELEASE", "ROLLBACK", "ROLLBACK", "RELEASE", "ROLLBACK", "SET",
                "SET"), commands.stream().map(TransactionCommand::tag).toList());
        assertEquals(IsolationLevel.SERIALIZABLE, commands.get(7).isolation());
        assertEquals(Boolean.TRUE, commands.get(7).readOnly());
        assertNull(commands.get(8).isolation());
        assertEquals(Boolean.FALSE, commands.get(8).readOnly());
        assertEquals("syntax error at or near \"select\"", syntaxError("savepoint select").getMessage());
        assertEquals("syntax error at end of input", syntaxError("set transaction").getMessage());
        assertEquals("syntax error at or near \"to\"", syntaxError("abort to a").getMessage());
        assertEquals("syntax error at or near \"b\"", syntaxError("release a b").getMessage());
    }

    @Test
    void namesUnsupportedStatements() {
        List<ParsedStatement> s = parse("cluster; create type q as (a int); alter index i rename to j;"
                + " set transaction snapshot 'x'; commit prepared 'x'; create materialized view v as select 1");
        assertEquals(List.of("CLUSTER", "CREATE TYPE", "ALTER INDEX", "SET TRANSACTION SNAPSHOT",
                        "COMMIT PREPARED", "CREATE MATERIALIZED VIEW"),
                s.stream().map(p -> ((ParsedStatement.Unsupported) p).kind()).toList());
    }

    @Test
    void registeredHandlersTakePrecedence() {
        StatementHandler handler = new StatementHandler() {
            @Override
            public String keyword() {
                return "CHECKPOINT";
            }

            @Override
            public void execute(SessionContext session, String statement, ResultSink sink) {
            }
        };
        List<ParsedStatement> s = SqlParser.parse("checkpoint now please; select 1",
                k -> k.equals("CHECKPOINT") ? Optional.of(handler) : Optional.empty());
        ParsedStatement.Handled handled = assertInstanceOf(ParsedStatement.Handled.class, s.get(0));
        assertSame(handler, handled.handler());
        assertEquals("checkpoint now please", handled.text().text());
        assertInstanceOf(ParsedStatement.Sql.class, s.get(1));
    }

    @Test
    void handlersMayClaimAKeywordPair() {
        StatementHandler handler = new StatementHandler() {
            @Override
            public String keyword() {
                return "CREATE ROLE";
            }

            @Override
            public void execute(SessionContext session, String statement, ResultSink sink) {
            }
        };
        List<ParsedStatement> s = SqlParser.parse("CREATE  role r login; create table t (a int); create \"role\" x",
                k -> k.equals("CREATE ROLE") ? Optional.of(handler) : Optional.empty());
        assertSame(handler, assertInstanceOf(ParsedStatement.Handled.class, s.get(0)).handler());
        assertInstanceOf(ParsedStatement.Sql.class, s.get(1));
        // a quoted identifier is not a keyword
        assertInstanceOf(ParsedStatement.Unsupported.class, s.get(2));
    }

    @Test
    void stringConstantsKeepTheirValueThroughJSqlParser() {
        ParsedStatement.Sql sql = (ParsedStatement.Sql) parse("select E'a\\'b', $q$x;y$q$").get(0);
        net.sf.jsqlparser.statement.select.PlainSelect ps =
                (net.sf.jsqlparser.statement.select.PlainSelect) sql.statement();
        assertEquals("a'b", sql.source().stringValue(
                (net.sf.jsqlparser.expression.StringValue) ps.getSelectItems().get(0).getExpression()));
        assertEquals("x;y", sql.source().stringValue(
                (net.sf.jsqlparser.expression.StringValue) ps.getSelectItems().get(1).getExpression()));
    }
}
