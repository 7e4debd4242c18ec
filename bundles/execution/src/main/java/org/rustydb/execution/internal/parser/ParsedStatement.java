package org.rustydb.execution.internal.parser;

import java.util.List;

import net.sf.jsqlparser.statement.Statement;
import org.rustydb.spi.exec.StatementHandler;

/** A statement after the parser stage, ready to run in order. */
public sealed interface ParsedStatement {

    StatementText text();

    /** A statement JSqlParser parsed, for the binder. */
    record Sql(StatementText text, Statement statement, SqlSource source) implements ParsedStatement {
    }

    /**
     * A query or DML statement run from the parse of its {@link ConstantTemplate}: {@code text}
     * is the statement as written, {@code template} the shared parse with {@code $n} for its
     * constants.
     */
    record Templated(StatementText text, Sql template, ConstantTemplate constants) implements ParsedStatement {
        /** The source to bind the template with: its parse, this statement's positions. */
        public SqlSource source() {
            return constants.sourceFor(template.source(), text);
        }
    }

    /** CREATE INDEX or DROP INDEX, read by a hand-written parser (JSqlParser's grammar differs). */
    record Index(StatementText text, IndexCommand command) implements ParsedStatement {
        /** The source for binding, which reports positions in the statement. */
        public SqlSource source() {
            return new SqlSource(text);
        }
    }

    /** CREATE/DROP SEQUENCE, ALTER TABLE or TRUNCATE, read by the DDL package's parsers. */
    record Ddl(StatementText text, org.rustydb.execution.internal.ddl.DdlCommand command) implements ParsedStatement {
        /** The source for binding, which reports positions in the statement. */
        public SqlSource source() {
            return new SqlSource(text);
        }
    }

    /** COPY FROM STDIN / TO STDOUT, read by the copy package's parser. */
    record Copy(StatementText text, org.rustydb.execution.internal.copy.CopyCommand command) implements ParsedStatement {
    }

    /** LOCK TABLE, read by a hand-written parser. */
    record Lock(StatementText text, LockCommand command) implements ParsedStatement {
        /** The source for binding, which reports positions in the statement. */
        public SqlSource source() {
            return new SqlSource(text);
        }
    }

    /** VACUUM, which runs outside any transaction. */
    record Vacuum(StatementText text, VacuumStatement statement) implements ParsedStatement {
        /** The source for name lookups, which reports positions in the statement. */
        public SqlSource source() {
            return new SqlSource(text);
        }
    }

    /** BEGIN, COMMIT, ROLLBACK and their synonyms. */
    /** ANALYZE: collects the statistics the planner estimates rows with. */
    record Analyze(StatementText text, List<VacuumStatement.Target> targets, boolean verbose)
            implements ParsedStatement {
        public Analyze {
            targets = List.copyOf(targets);
        }
    }

    /** PREPARE name [(types)] AS statement: the statement is parsed once, here. */
    record Prepare(StatementText text, String name, List<org.rustydb.execution.internal.types.DataType> types,
                   Sql statement) implements ParsedStatement {
        public Prepare {
            types = List.copyOf(types);
        }
    }

    /** EXPLAIN [ANALYZE] EXECUTE name(...): the plan an execution of a prepared statement uses. */
    record ExplainExecute(StatementText text, boolean analyze, Sql execute) implements ParsedStatement {
    }

    /**
     * Executions of a statement prepared through the engine's API (not SQL PREPARE): the engine's
     * prepared statement and its parameters' values as text, one row of them per execution (more
     * than one for a batch whose rows are stored together).
     */
    record ExecutePrepared(StatementText text, Object prepared, List<List<String>> parameterRows)
            implements ParsedStatement {
    }

    /** DEALLOCATE [PREPARE] name, or ALL when {@code name} is null. */
    record Deallocate(StatementText text, String name) implements ParsedStatement {
    }

    record TransactionControl(StatementText text, TransactionCommand command) implements ParsedStatement {
    }

    /** SET, RESET or SHOW of a session setting. */
    record Setting(StatementText text, SettingCommand command) implements ParsedStatement {
    }

    /** SET CONSTRAINTS, which changes the open transaction's constraint modes. */
    record SetConstraints(StatementText text, ConstraintModeCommand command) implements ParsedStatement {
    }

    /** A statement whose leading keyword belongs to a registered handler. */
    record Handled(StatementText text, StatementHandler handler) implements ParsedStatement {
    }

    /**
     * A statement PostgreSQL knows that this engine does not run; it fails with 0A000 when its
     * turn comes, so that the statements before it still run as in PostgreSQL.
     */
    record Unsupported(StatementText text, String kind) implements ParsedStatement {
    }
}
