package org.rustydb.operations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.spi.shell.ShellCommand;

class CommandFunctionTest {

    /** A Gogo session whose only working method is getConsole(). */
    private static CommandSession session(PrintStream console) {
        return (CommandSession) Proxy.newProxyInstance(CommandSession.class.getClassLoader(),
                new Class<?>[] {CommandSession.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConsole")) {
                        return console;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ShellCommand command(java.util.function.BiConsumer<List<String>, PrintStream> body) {
        return new ShellCommand() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public String description() {
                return "a test command";
            }

            @Override
            public void execute(List<String> arguments, PrintStream out) {
                body.accept(arguments, out);
            }
        };
    }

    @Test
    void passesArgumentsAsStringsAndWritesToTheConsole() {
        List<String> seen = new ArrayList<>();
        Output out = new Output();
        CommandFunction f = new CommandFunction(command((args, o) -> {
            seen.addAll(args);
            o.println("done");
        }), "test");
        Object result = f.execute(session(out.stream), Arrays.asList("select 1", 42L, null));
        assertNull(result);
        assertEquals(List.of("select 1", "42", ""), seen);
        assertEquals("done\n", out.text());
    }

    @Test
    void printsDbExceptionAsOneLineWithoutStackTrace() {
        Output out = new Output();
        CommandFunction f = new CommandFunction(command((args, o) -> {
            throw DbException.of("57P03", "no Database service is registered");
        }), "test");
        f.execute(session(out.stream), List.of());
        assertEquals("ERROR: no Database service is registered (SQLSTATE 57P03)\n", out.text());
    }

    @Test
    void reportsUnexpectedFailureAsInternalError() {
        Output out = new Output();
        CommandFunction f = new CommandFunction(command((args, o) -> {
            throw new IllegalStateException("boom");
        }), "test");
        f.execute(session(out.stream), List.of());
        String text = out.text();
        assertEquals("ERROR: internal error: boom (SQLSTATE XX000)\n", text);
        assertFalse(text.contains("at org."), "no stack trace");
    }

    @Test
    void fallsBackToSystemOutWithoutConsole() {
        PrintStream original = System.out;
        Output out = new Output();
        System.setOut(out.stream);
        try {
            new CommandFunction(command((args, o) -> o.println("hi")), "test").execute(session(null), null);
        } finally {
            System.setOut(original);
        }
        assertEquals("hi\n", out.text());
    }
}
