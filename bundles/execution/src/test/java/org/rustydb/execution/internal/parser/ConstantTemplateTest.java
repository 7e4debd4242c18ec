package org.rustydb.execution.internal.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which constants a template takes out of a statement, and which it must leave. */
class ConstantTemplateTest {
    private static String template(String sql) {
        Optional<ConstantTemplate> t = ConstantTemplate.of(SqlScript.split(sql).get(0));
        return t.map(ConstantTemplate::text).orElse(null);
    }

    private static List<String> values(String sql) {
        return ConstantTemplate.of(SqlScript.split(sql).get(0)).orElseThrow().constants().stream()
                .map(ConstantTemplate.Constant::value).toList();
    }

    @Test
    void valuesInConditionsAssignmentsAndValuesListsAreTakenOut() {
        assertEquals("SELECT abalance FROM pgbench_accounts WHERE aid = $1;",
                template("SELECT abalance FROM pgbench_accounts WHERE aid = 4711;"));
        assertEquals("UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2",
                template("UPDATE pgbench_accounts SET abalance = abalance + -3120 WHERE aid = 88"));
        assertEquals(List.of("-3120", "88"), values("UPDATE pgbench_accounts SET abalance = abalance + -3120 WHERE aid = 88"));
        assertEquals("INSERT INTO h (a, b, c, d) VALUES ($1, $2, $3, CURRENT_TIMESTAMP)",
                template("INSERT INTO h (a, b, c, d) VALUES (1, 'it''s', 2.50, CURRENT_TIMESTAMP)"));
        assertEquals(List.of("1", "it's", "2.50"),
                values("INSERT INTO h (a, b, c, d) VALUES (1, 'it''s', 2.50, CURRENT_TIMESTAMP)"));
        assertEquals("select a - $1 from t where b between $2 and $3 or c like $4",
                template("select a - 1 from t where b between 2 and 3 or c like 'x%'"));
        assertEquals("select * from t where a in ($1, $2) and b <> $3",
                template("select * from t where a in (1, 2) and b <> 'q'"));
    }

    @Test
    void positionsTypeModifiersTypedLiteralsAndCastsStay() {
        assertEquals("select a, b from t where c = $1 order by 2, 1 limit 10",
                template("select a, b from t where c = 3 order by 2, 1 limit 10"));
        assertEquals("select a, count(*) from t group by 1 having count(*) > $1",
                template("select a, count(*) from t group by 1 having count(*) > 5"));
        assertEquals(null, template("select cast(a as varchar(10)), a::numeric(10, 2) from t"));
        assertEquals(null, template("select * from t where d = date '2024-01-01' and i > interval '1 day'"));
        assertEquals(null, template("select '1 day'::interval, a[1] from t"));
        assertEquals(null, template("select sum(a) over (order by b rows between 1 preceding and 2 following) from t"));
        assertEquals(null, template("select * from t where a = $1"), "a statement with parameters stays whole");
        assertEquals(null, template("create table t (a varchar(10) default 'x')"));
        assertEquals(null, template("select * from t where s like 'a!%' escape '!'"));
    }

    @Test
    void theSourceReportsPositionsInTheStatementAsWritten() {
        StatementText written = SqlScript.split("select * from t where a = 'long constant' and nosuch = 1").get(0);
        ConstantTemplate template = ConstantTemplate.of(written).orElseThrow();
        ParsedStatement.Sql parsed = (ParsedStatement.Sql) SqlParser.parseStatement(template.statement());
        SqlSource source = template.sourceFor(parsed.source(), written);
        int nosuch = written.sql().indexOf("nosuch");
        net.sf.jsqlparser.statement.select.PlainSelect select = ((net.sf.jsqlparser.statement.select.Select)
                parsed.statement()).getPlainSelect();
        net.sf.jsqlparser.expression.operators.conditional.AndExpression and =
                (net.sf.jsqlparser.expression.operators.conditional.AndExpression) select.getWhere();
        net.sf.jsqlparser.expression.BinaryExpression right =
                (net.sf.jsqlparser.expression.BinaryExpression) and.getRightExpression();
        assertEquals(nosuch + 1, source.positionOf(right.getLeftExpression()));
        assertEquals("nosuch = 1", source.textOf(right));
        assertTrue(template.constants().get(0).position() == written.sql().indexOf("'long") + 1);
    }
}
