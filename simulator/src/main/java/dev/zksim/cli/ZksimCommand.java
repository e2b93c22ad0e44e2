package dev.zksim.cli;

import picocli.CommandLine.Command;

/** The top-level {@code zksim} command; it only groups the subcommands. */
@Command(
        name = "zksim",
        mixinStandardHelpOptions = true,
        version = "zksim 0.1.0 (ZooKeeper 3.9.4)",
        description = "Simulates Apache ZooKeeper ensembles on Kubernetes: a deterministic model and real in-process"
                + " servers.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            LintCommand.class,
            ConfigCommand.class,
            ExploreCommand.class,
            CalibrateCommand.class,
            BenchCommand.class,
            ConformCommand.class
        })
public final class ZksimCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
