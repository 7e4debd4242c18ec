package org.rustydb.execution.slt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.Session;

/**
 * Runs the lines of a file (each line one call of Session.execute) and prints results and errors,
 * for side-by-side comparison with psql while writing tests. Not a test.
 */
public final class RunSql {
    private RunSql() {
    }

    public static void main(String[] args) throws Exception {
        TestDatabase db = new TestDatabase();
        try (Session session = db.open()) {
            for (String line : Files.readAllLines(Path.of(args[0]))) {
                if (line.isBlank() || line.startsWith("--")) {
                    continue;
                }
                System.out.println("> " + line);
                try {
                    for (TestDatabase.Outcome o : TestDatabase.run(session, line)) {
                        if (!o.columns().isEmpty()) {
                            List<String> cols = new ArrayList<>();
                            for (Column c : o.columns()) {
                                cols.add(c.name() + ":" + c.type().sqlName() + (c.typeModifier() >= 0 ? "(" + c.typeModifier() + ")" : ""));
                            }
                            System.out.println("  " + String.join(" | ", cols));
                            for (Object[] r : o.rows()) {
                                List<String> vals = new ArrayList<>();
                                for (int i = 0; i < r.length; i++) {
                                    vals.add(SltRunner.format(r[i], o.columns().get(i).type(),
                                            org.rustydb.api.ValueText.zoneOf(session.setting("TimeZone"))));
                                }
                                System.out.println("  " + String.join(" | ", vals));
                            }
                        }
                        System.out.println("  " + o.tag() + "   [" + session.transactionStatus() + "]");
                    }
                } catch (DbException e) {
                    System.out.println("  ERROR " + e.sqlState() + ": " + e.getMessage() + (e.position() > 0 ? "  @" + e.position() : "")
                            + (e.hint() != null ? "  HINT: " + e.hint() : "") + (e.detail() != null ? "  DETAIL: " + e.detail() : "") + "   [" + session.transactionStatus() + "]");
                }
            }
        }
    }
}
