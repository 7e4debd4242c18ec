package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.spi.storage.ViewDefinition;
import org.rustydb.spi.storage.ViewHandle;

/**
 * The views that read what a DROP removes, directly or through other views, in PostgreSQL's
 * report order: each dependent followed by its own dependents.
 */
final class ViewDependents {
    /** A view that would be left reading a dropped relation, and the line that says so. */
    record Dependent(ViewHandle view, String description) {
    }

    /** A dropped relation: its name and how messages call it, e.g. {@code table t}. */
    record Dropped(ViewDefinition.Reference reference, String description) {
    }

    private ViewDependents() {
    }

    /**
     * The views depending on {@code dropped}, leaving out those dropped anyway (named by the DROP).
     */
    static List<Dependent> of(BindContext ctx, List<Dropped> dropped) {
        List<ViewHandle> all = new ArrayList<>(ctx.session().storage().listViews(ctx.transaction()));
        all.sort(Comparator.comparing((ViewHandle v) -> v.definition().name()).thenComparing(v -> v.definition().schema()));
        Set<ViewDefinition.Reference> seen = new HashSet<>();
        for (Dropped d : dropped) {
            seen.add(d.reference());
        }
        List<Dependent> out = new ArrayList<>();
        for (Dropped d : dropped) {
            collect(all, d.reference(), d.description(), seen, out);
        }
        return out;
    }

    /**
     * The views depending on one dropped relation, leaving out those in {@code seen}, which gains
     * the views found (so that a DROP of many relations reports each dependent once).
     */
    static List<Dependent> of(BindContext ctx, Dropped dropped, Set<ViewDefinition.Reference> seen) {
        List<ViewHandle> all = new ArrayList<>(ctx.session().storage().listViews(ctx.transaction()));
        all.sort(Comparator.comparing((ViewHandle v) -> v.definition().name()).thenComparing(v -> v.definition().schema()));
        List<Dependent> out = new ArrayList<>();
        collect(all, dropped.reference(), dropped.description(), seen, out);
        return out;
    }

    private static void collect(List<ViewHandle> all, ViewDefinition.Reference target, String description,
                                Set<ViewDefinition.Reference> seen, List<Dependent> out) {
        for (ViewHandle view : all) {
            ViewDefinition d = view.definition();
            ViewDefinition.Reference self = new ViewDefinition.Reference(d.schema(), d.name());
            if (d.references(target.schema(), target.name()) && seen.add(self)) {
                out.add(new Dependent(view, "view " + d.name() + " depends on " + description));
                collect(all, self, "view " + d.name(), seen, out);
            }
        }
    }
}
