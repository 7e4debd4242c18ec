package org.rustydb.execution.internal.catalog;

import static org.rustydb.execution.internal.catalog.CatalogTypes.BOOL;
import static org.rustydb.execution.internal.catalog.CatalogTypes.CHAR;
import static org.rustydb.execution.internal.catalog.CatalogTypes.INT2;
import static org.rustydb.execution.internal.catalog.CatalogTypes.NAME;
import static org.rustydb.execution.internal.catalog.CatalogTypes.OID;
import static org.rustydb.execution.internal.catalog.CatalogTypes.OID_ARRAY;
import static org.rustydb.execution.internal.catalog.CatalogTypes.TEXT;
import static org.rustydb.execution.internal.catalog.CatalogTypes.TEXT_ARRAY;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.function.BuiltinFunction;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.execution.internal.types.VectorValue;
import org.rustydb.spi.function.SqlFunction;

/**
 * pg_proc: one row per registered SQL function overload (the {@code SqlFunction} whiteboard), all
 * in pg_catalog, since a registered function resolves whatever search_path says, as pg_catalog's
 * do; the execution bundle's built-ins in language internal, other bundles' (plug-ins) in language
 * c, as PostgreSQL lists a loadable module's. Functions bound to the calling session
 * (current_setting, pg_get_indexdef...) are not services and are not listed. Oids hash the
 * schema, name and argument types, so they are stable across sessions and restarts. Also
 * pg_get_function_arguments, pg_get_function_result and pg_get_functiondef over these rows.
 */
final class PgProc {
    static final int INTERNAL_LANGUAGE = 12;
    static final int C_LANGUAGE = 13;

    /** One overload as pg_proc shows it. */
    record Proc(int oid, String schema, SqlFunction function) {
        String arguments() {
            return function.parameterTypes().stream().map(PgProc::typeName).collect(Collectors.joining(", "));
        }

        boolean builtin() {
            return function instanceof BuiltinFunction;
        }
    }

    private PgProc() {
    }

    static SystemTable table() {
        return new SystemTable.Builder(org.rustydb.execution.internal.settings.SearchPath.PG_CATALOG, "pg_proc")
                .col("oid", OID).col("proname", NAME).col("pronamespace", OID).col("proowner", OID)
                .col("prolang", OID).col("procost", CatalogTypes.FLOAT4).col("prorows", CatalogTypes.FLOAT4)
                .col("provariadic", OID).col("prosupport", TEXT).col("prokind", CHAR)
                .cols(BOOL, "prosecdef", "proleakproof", "proisstrict", "proretset").col("provolatile", CHAR)
                .col("proparallel", CHAR).cols(INT2, "pronargs", "pronargdefaults").col("prorettype", OID)
                .col("proargtypes", OID_ARRAY).col("proallargtypes", OID_ARRAY).col("proargmodes", TEXT_ARRAY)
                .col("proargnames", TEXT_ARRAY).col("proargdefaults", TEXT).col("protrftypes", OID_ARRAY)
                .cols(TEXT, "prosrc", "probin", "prosqlbody").col("proconfig", TEXT_ARRAY)
                .col("proacl", TEXT_ARRAY)
                .rows(r -> procs(r).stream().map(p -> row(r, p)).toList());
    }

    /** pg_language: the languages pg_proc's rows name. */
    static SystemTable language() {
        return new SystemTable.Builder(org.rustydb.execution.internal.settings.SearchPath.PG_CATALOG, "pg_language")
                .col("oid", OID).col("lanname", NAME).col("lanowner", OID).cols(BOOL, "lanispl", "lanpltrusted")
                .cols(OID, "lanplcallfoid", "laninline", "lanvalidator").col("lanacl", TEXT_ARRAY)
                .rows(r -> List.<Object[]>of(new Object[] {INTERNAL_LANGUAGE, "internal", Oids.BOOTSTRAP_ROLE, false,
                                false, 0, 0, 0, null},
                        new Object[] {C_LANGUAGE, "c", Oids.BOOTSTRAP_ROLE, false, false, 0, 0, 0, null},
                        new Object[] {14, "sql", Oids.BOOTSTRAP_ROLE, false, true, 0, 0, 0, null}));
    }

    /** Every registered overload, ordered by schema, name and arguments. */
    static List<Proc> procs(CatalogReader r) {
        List<Proc> out = new ArrayList<>();
        for (SqlFunction f : r.session().allFunctions()) {
            String schema = org.rustydb.execution.internal.settings.SearchPath.PG_CATALOG;
            String signature = f.name() + "(" + f.parameterTypes().stream().map(t -> Integer.toString(t.oid()))
                    .collect(Collectors.joining(",")) + ")";
            out.add(new Proc(Oids.hash("p", schema, signature), schema, f));
        }
        out.sort(Comparator.comparing(Proc::schema).thenComparing(p -> p.function().name())
                .thenComparing(Proc::arguments));
        return out;
    }

    static Proc byOid(CatalogReader r, int oid) {
        for (Proc p : procs(r)) {
            if (p.oid() == oid) {
                return p;
            }
        }
        return null;
    }

    private static Object[] row(CatalogReader r, Proc p) {
        SqlFunction f = p.function();
        List<Integer> argTypes = f.parameterTypes().stream().map(SqlType::oid).toList();
        return new Object[] {p.oid(), f.name(), Oids.namespace(p.schema()), Oids.BOOTSTRAP_ROLE,
                p.builtin() ? INTERNAL_LANGUAGE : C_LANGUAGE, 1.0f, 0.0f, 0, "-", "f", false, false, f.isStrict(),
                false, "v", "u", (short) argTypes.size(), (short) 0, f.returnType().oid(), new VectorValue(argTypes),
                null, null, null, null, null, f.name(), null, null, null,
                r.acl(org.rustydb.spi.security.ObjectRef.function(p.schema(), f.name()))};
    }

    private static String typeName(SqlType type) {
        return new DataType(type, -1).displayName();
    }

    /** pg_get_function_arguments and pg_get_function_identity_arguments: {@code integer, text}. */
    static String arguments(CatalogReader r, int oid) {
        Proc p = byOid(r, oid);
        return p == null ? null : p.arguments();
    }

    static String result(CatalogReader r, int oid) {
        Proc p = byOid(r, oid);
        return p == null ? null : typeName(p.function().returnType());
    }

    /** pg_get_functiondef: CREATE OR REPLACE FUNCTION as PostgreSQL prints a function without SQL body. */
    static String definition(CatalogReader r, int oid) {
        Proc p = byOid(r, oid);
        if (p == null) {
            return null;
        }
        SqlFunction f = p.function();
        return "CREATE OR REPLACE FUNCTION " + p.schema() + "." + f.name() + "(" + p.arguments() + ")\n"
                + " RETURNS " + typeName(f.returnType()) + "\n"
                + " LANGUAGE " + (p.builtin() ? "internal" : "c") + "\n"
                + (f.isStrict() ? " STRICT\n" : "")
                + "AS $function$" + f.name() + "$function$\n";
    }
}
