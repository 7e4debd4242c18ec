package org.rustydb.operations.internal.osgi;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.rustydb.operations.internal.BundleInfo;
import org.rustydb.operations.internal.FeatureAreas;
import org.rustydb.operations.internal.FeaturesCommand;
import org.rustydb.spi.shell.ShellCommand;

/** Offers {@code rustydb:features} over the bundles installed in the framework. */
@Component(service = ShellCommand.class)
public final class FeaturesCommandComponent implements ShellCommand {
    private final FeaturesCommand command;

    @Activate
    public FeaturesCommandComponent(BundleContext context) {
        command = new FeaturesCommand(FeatureAreas.load(), () -> bundles(context));
    }

    private static List<BundleInfo> bundles(BundleContext context) {
        List<BundleInfo> bundles = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String bsn = bundle.getSymbolicName();
            if (bsn == null) {
                continue; // a legacy bundle without a symbolic name belongs to no area
            }
            bundles.add(new BundleInfo(bsn, bundle.getVersion().toString(), stateName(bundle.getState()),
                    bundle.getHeaders("").get(BundleInfo.AREA_HEADER)));
        }
        return bundles;
    }

    static String stateName(int state) {
        switch (state) {
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "UNKNOWN(" + state + ")";
        }
    }

    @Override
    public String name() {
        return command.name();
    }

    @Override
    public String description() {
        return command.description();
    }

    @Override
    public void execute(List<String> arguments, PrintStream out) {
        command.execute(arguments, out);
    }
}
