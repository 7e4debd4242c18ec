package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.sf.jsqlparser.statement.create.table.ColDataType;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.execution.internal.types.TypeNames;

/** Resolves type names as JSqlParser hands them over, for casts and column definitions. */
public final class TypeResolution {
    private static final Pattern MODIFIERS = Pattern.compile("\\s*\\(([^)]*)\\)");

    private TypeResolution() {
    }

    /** Resolves a JSqlParser type, whose modifiers may be part of the name ("varchar (10)"). */
    public static DataType resolve(ColDataType type, int position) {
        String raw = type.getDataType();
        List<String> arguments = new ArrayList<>();
        if (type.getArgumentsStringList() != null) {
            arguments.addAll(type.getArgumentsStringList());
        }
        Matcher m = MODIFIERS.matcher(raw);
        if (m.find()) {
            for (String a : m.group(1).split(",")) {
                arguments.add(a.trim());
            }
            raw = m.replaceAll("");
        }
        boolean array = type.getArrayData() != null && !type.getArrayData().isEmpty();
        if (raw.endsWith("[]")) {
            // a qualified array type (pg_catalog.int2[]) keeps its brackets in the name
            raw = raw.substring(0, raw.length() - 2).trim();
            array = true;
        }
        return TypeNames.resolve(raw, arguments, array, position);
    }
}
