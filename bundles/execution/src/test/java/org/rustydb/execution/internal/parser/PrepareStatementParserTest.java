package org.rustydb.execution.internal.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rustydb.execution.internal.types.DataType;

class PrepareStatementParserTest {
    private static ParsedStatement parse(String sql) {
        List<ParsedStatement> parsed = SqlParser.parse(sql, k -> Optional.empty());
        assertEquals(1, parsed.size());
        return parsed.get(0);
    }

    @Test
    void prepareWithTypesKeepsTheParsedStatement() {
        ParsedStatement.Prepare p = assertInstanceOf(ParsedStatement.Prepare.class,
                parse("PREPARE ins (integer, numeric(10, 2)) AS INSERT INTO t VALUES ($1, $2)"));
        assertEquals("ins", p.name());
        assertEquals(List.of(DataType.INTEGER, DataType.numeric(10, 2)), p.types());
        assertInstanceOf(net.sf.jsqlparser.statement.insert.Insert.class, p.statement().statement());
    }

    @Test
    void prepareWithoutTypes() {
        ParsedStatement.Prepare p = assertInstanceOf(ParsedStatement.Prepare.class,
                parse("prepare q as select $1 + 1"));
        assertEquals(List.of(), p.types());
    }

    @Test
    void deallocate() {
        assertEquals("q", assertInstanceOf(ParsedStatement.Deallocate.class, parse("DEALLOCATE PREPARE q")).name());
        assertNull(assertInstanceOf(ParsedStatement.Deallocate.class, parse("DEALLOCATE ALL")).name());
    }
}
