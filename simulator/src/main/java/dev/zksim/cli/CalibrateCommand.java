package dev.zksim.cli;

import dev.zksim.calibration.Calibration;
import dev.zksim.calibration.CalibrationResult;
import dev.zksim.model.InvalidInputException;
import dev.zksim.model.explore.ExploreClusters;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zksim calibrate [--runs N] [--out FILE] [--manifest FILE] [--writes N] [--recovery-txns N]
 * [--statistic median|p25]}: measures, from
 * real runs of the real engine on this machine, the durations the Zab model assumes, prints each with its spread and
 * the machine's load, and writes them as a timing profile for {@code zksim run --timing-profile} (docs/model.md,
 * "Calibration"). Exit 0, 2 for a bad option or manifest, 3 when a run fails.
 */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {
            "Measures the model's timings (process start, message delay, election, follower set-up, sync, write"
                    + " round trip, recovery) on real ZooKeeper servers on this machine and writes a timing profile"
                    + " for 'zksim run --timing-profile FILE'.",
            "Each run starts a fresh ensemble, writes, kills the leader's process and deletes the leader's pod;"
                    + " the values are ZooKeeper's own log timestamps. A busy machine inflates them: the load is"
                    + " printed and written into the file.",
            "Exit codes: 0 measured, 2 bad option or manifest, 3 a run failed."
        })
public final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--runs",
            paramLabel = "N",
            defaultValue = "5",
            description = "Fresh ensembles to measure (default ${DEFAULT-VALUE};"
                    + " 10–30 s each on 2 shared cores at load 20).")
    int runs;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the timing profile to FILE (default: print it after the table).")
    Path out;

    @Option(
            names = "--manifest",
            paramLabel = "FILE",
            defaultValue = "k8s-manifests/zookeeper.yaml",
            description = "The ensemble to measure (default ${DEFAULT-VALUE}).")
    Path manifest;

    @Option(
            names = "--writes",
            paramLabel = "N",
            defaultValue = "20",
            description = "Timed writes through the leader per run (default ${DEFAULT-VALUE}).")
    int writes;

    @Option(
            names = "--recovery-txns",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Transactions written before the timed restore, per run; 0 skips the recovery measurement"
                    + " (default ${DEFAULT-VALUE}).")
    int recoveryTxns;

    @Option(
            names = "--statistic",
            paramLabel = "median|p25",
            defaultValue = "median",
            description = "What a profile field takes of its samples: the median (this machine as it was, load"
                    + " included; default) or the lower quartile (p25: closest to an unloaded machine when the"
                    + " machine is busy).")
    String statistic;

    @Override
    public Integer call() {
        if (runs < 1 || runs > 1000) {
            throw new InvalidInputException(
                    null, 0, "--runs", "'" + runs + "' is not a number of runs; give 1 to 1000.");
        }
        if (writes < 1 || writes > 100_000) {
            throw new InvalidInputException(
                    null, 0, "--writes", "'" + writes + "' is not a number of writes; give 1 to 100,000.");
        }
        if (recoveryTxns < 0 || recoveryTxns > 1_000_000) {
            throw new InvalidInputException(
                    null,
                    0,
                    "--recovery-txns",
                    "'" + recoveryTxns + "' is not a number of transactions; give 0 to 1,000,000.");
        }
        CalibrationResult.Statistic stat =
                switch (statistic) {
                    case "median" -> CalibrationResult.Statistic.MEDIAN;
                    case "p25" -> CalibrationResult.Statistic.P25;
                    default ->
                        throw new InvalidInputException(
                                null, 0, "--statistic", "unknown statistic '" + statistic + "'; valid: median, p25.");
                };
        if (!Files.isRegularFile(manifest)) {
            throw new InvalidInputException(
                    manifest.toString(),
                    0,
                    "--manifest",
                    "no such file; run from the zksim checkout (k8s-manifests/zookeeper.yaml) or give --manifest.");
        }
        if (out != null) {
            OutputTargets.checkFile(out, "--out");
        }
        EnsembleSpec ensemble = ManifestLoader.loadStrict(manifest);
        int nodes = ensemble.statefulSet().replicas() + 1;
        Calibration c = new Calibration(
                ensemble,
                ExploreClusters.parse(Path.of("calibrate"), ExploreClusters.uniformYaml(nodes, "2", "4Gi")),
                runs,
                writes,
                recoveryTxns,
                stat);
        PrintWriter o = spec.commandLine().getOut();
        o.println("calibrate: " + runs + " run(s) of " + manifest + " on real ZooKeeper servers; load " + loadNow());
        o.flush();
        CalibrationResult r = c.measure(Clock.systemUTC(), line -> {
            o.println("  " + line);
            o.flush();
        });
        o.println("measured (ms: median (p25..p75) [min..max] (n = samples)):");
        r.table().forEach(o::println);
        String text = r.profileFile();
        if (out == null) {
            o.println();
            o.print(text);
        } else {
            try {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidInputException(
                        out.toString(), 0, "--out", "cannot write the timing profile: " + e.getMessage() + ".");
            }
            o.println("timing profile: " + out + " (zksim run SCENARIO --timing-profile " + out + ")");
        }
        o.flush();
        return Main.OK;
    }

    private static String loadNow() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
