package org.rustydb.execution.internal.ddl;

import java.util.Set;

import org.rustydb.api.Result;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.parser.StatementText;

/**
 * The DDL statements this package parses by hand (JSqlParser's grammar for them differs from
 * PostgreSQL's): CREATE/DROP/ALTER SEQUENCE, CREATE/DROP VIEW, ALTER TABLE, TRUNCATE and CREATE/DROP/ALTER SCHEMA and DROP OWNED. Parsed before anything runs, so
 * a syntax error runs nothing; run in the statement's transaction.
 */
public interface DdlCommand {
    /** The statement kinds (as the parser describes them) read here. */
    Set<String> KINDS = Set.of("CREATE SEQUENCE", "DROP SEQUENCE", "ALTER SEQUENCE", "ALTER TABLE", "TRUNCATE", "CREATE VIEW",
            "DROP VIEW", "ALTER VIEW", "CREATE SCHEMA", "DROP SCHEMA", "ALTER SCHEMA", "DROP OWNED");

    /** The command name, for errors such as 25006 {@code cannot execute ALTER TABLE in a read-only transaction}. */
    String commandName();

    Result run(BindContext ctx);

    /** Parses a statement of one of the {@link #KINDS}. */
    static DdlCommand parse(StatementText text, String kind) {
        return switch (kind) {
            case "CREATE SEQUENCE" -> SequenceCommands.parseCreate(text);
            case "DROP SEQUENCE" -> SequenceCommands.parseDrop(text);
            case "ALTER SEQUENCE" -> SequenceAlter.parse(text);
            case "ALTER TABLE" -> AlterTableSyntax.parse(text);
            case "TRUNCATE" -> TruncateCommand.parse(text);
            case "CREATE VIEW" -> ViewCommands.parseCreate(text);
            case "DROP VIEW" -> ViewCommands.parseDrop(text);
            case "ALTER VIEW" -> ViewCommands.parseAlter(text);
            case "CREATE SCHEMA" -> SchemaCommands.parseCreate(text);
            case "DROP SCHEMA" -> SchemaCommands.parseDrop(text);
            case "ALTER SCHEMA" -> SchemaCommands.parseAlter(text);
            case "DROP OWNED" -> DropOwnedCommand.parse(text);
            default -> throw new IllegalArgumentException("not a DDL statement of this package: " + kind);
        };
    }
}
