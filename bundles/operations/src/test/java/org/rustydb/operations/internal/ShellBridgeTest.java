package org.rustydb.operations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.spi.shell.ShellCommand;

class ShellBridgeTest {
    private final List<String> events = new ArrayList<>();
    private final List<CommandFunction> functions = new ArrayList<>();
    private final ShellBridge bridge = new ShellBridge((name, description, function) -> {
        events.add("publish " + name + " (" + description + ")");
        functions.add((CommandFunction) function);
        return () -> events.add("withdraw " + name);
    });

    private static ShellCommand named(String name) {
        return new ShellCommand() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "does " + name;
            }

            @Override
            public void execute(List<String> arguments, PrintStream out) {
            }
        };
    }

    @Test
    void publishesAndWithdrawsEachCommand() {
        ShellCommand status = named("status");
        ShellCommand sql = named("sql");
        bridge.add(status);
        bridge.add(sql);
        assertEquals(List.of("publish status (does status)", "publish sql (does sql)"), events);
        bridge.remove(status);
        assertEquals("withdraw status", events.get(2));
        assertEquals(List.of("sql"), bridge.publishedNames());
        bridge.remove(status); // twice is harmless
        assertEquals(3, events.size());
    }

    @Test
    void secondCommandOfANameTakesOverWhenTheFirstLeaves() {
        ShellCommand first = named("status");
        ShellCommand second = named("status");
        bridge.add(first);
        bridge.add(second);
        assertEquals(1, functions.size());
        assertSame(first, functions.get(0).command());
        bridge.remove(first);
        assertEquals(List.of("publish status (does status)", "withdraw status", "publish status (does status)"),
                events);
        assertSame(second, functions.get(1).command());
        bridge.remove(second);
        assertTrue(bridge.publishedNames().isEmpty());
    }

    @Test
    void removingAWaitingCommandLeavesThePublishedOne() {
        ShellCommand first = named("sql");
        ShellCommand second = named("sql");
        bridge.add(first);
        bridge.add(second);
        bridge.remove(second);
        assertEquals(List.of("publish sql (does sql)"), events);
        assertEquals(List.of("sql"), bridge.publishedNames());
    }

    @Test
    void ignoresInvalidNames() {
        bridge.add(named("Bad Name"));
        bridge.add(named(null));
        bridge.add(named(""));
        assertTrue(events.isEmpty());
    }

    @Test
    void closeWithdrawsEverythingAndIgnoresLaterCommands() {
        bridge.add(named("status"));
        bridge.close();
        bridge.add(named("sql"));
        assertEquals(List.of("publish status (does status)", "withdraw status"), events);
        assertTrue(bridge.publishedNames().isEmpty());
    }
}
