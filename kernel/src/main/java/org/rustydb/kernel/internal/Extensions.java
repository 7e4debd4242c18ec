package org.rustydb.kernel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.rustydb.spi.exec.StatementHandler;
import org.rustydb.spi.frontend.ProtocolFrontEnd;
import org.rustydb.spi.function.SqlFunction;

/**
 * The whiteboard services the kernel collects: SQL functions, statement handlers and protocol
 * front ends. Services come and go at any time; lookups see a consistent view of each list.
 */
public final class Extensions {
    private final Map<String, List<SqlFunction>> functions = new ConcurrentHashMap<>();
    private final Map<String, List<StatementHandler>> handlers = new ConcurrentHashMap<>();
    private final List<ProtocolFrontEnd> frontEnds = new CopyOnWriteArrayList<>();

    public void addFunction(SqlFunction function) {
        functions.computeIfAbsent(key(function.name()), k -> new CopyOnWriteArrayList<>()).add(function);
    }

    public void removeFunction(SqlFunction function) {
        functions.computeIfPresent(key(function.name()), (k, list) -> {
            list.remove(function);
            return list.isEmpty() ? null : list;
        });
    }

    /** The overloads registered under a name, a copy. */
    public List<SqlFunction> functions(String name) {
        List<SqlFunction> list = functions.get(key(name));
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Every registered overload, a copy. */
    public List<SqlFunction> allFunctions() {
        List<SqlFunction> out = new ArrayList<>();
        functions.values().forEach(out::addAll);
        return out;
    }

    public void addStatementHandler(StatementHandler handler) {
        handlers.computeIfAbsent(handler.keyword().toUpperCase(Locale.ROOT), k -> new CopyOnWriteArrayList<>())
                .add(handler);
    }

    public void removeStatementHandler(StatementHandler handler) {
        handlers.computeIfPresent(handler.keyword().toUpperCase(Locale.ROOT), (k, list) -> {
            list.remove(handler);
            return list.isEmpty() ? null : list;
        });
    }

    /** The handler registered first for a keyword, if any. */
    public Optional<StatementHandler> statementHandler(String keyword) {
        List<StatementHandler> list = handlers.get(keyword.toUpperCase(Locale.ROOT));
        if (list == null) {
            return Optional.empty();
        }
        return list.stream().findFirst();
    }

    public void addFrontEnd(ProtocolFrontEnd frontEnd) {
        frontEnds.add(frontEnd);
    }

    public void removeFrontEnd(ProtocolFrontEnd frontEnd) {
        frontEnds.remove(frontEnd);
    }

    /** Each front end as "protocol endpoint (n connections)". */
    List<String> describeFrontEnds() {
        List<String> out = new ArrayList<>();
        for (ProtocolFrontEnd f : frontEnds) {
            out.add(f.protocol() + " " + f.endpoint() + " (" + f.connectionCount() + " connections)");
        }
        return out;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
