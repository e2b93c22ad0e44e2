package dev.zksim.calibration;

import dev.zksim.calibration.CalibrationRun.Metric;
import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code zksim calibrate}'s measurement: {@code runs} {@link CalibrationRun}s one after another on the given manifest,
 * with the machine's load before and after (real timings on a busy machine are inflated; the profile's header says
 * how busy it was).
 *
 * @param manifest the ensemble to measure (made {@link CalibrationEnsemble#quickStart quick-start})
 * @param cluster the nodes
 * @param runs how many fresh ensembles
 * @param writes timed writes per run
 * @param recoveryTxns transactions written before the restore that is timed (0: none)
 * @param statistic which order statistic of its samples a profile field takes
 */
public record Calibration(
        EnsembleSpec manifest,
        ClusterSpec cluster,
        int runs,
        int writes,
        int recoveryTxns,
        CalibrationResult.Statistic statistic) {

    /** Runs the measurement; {@code progress} gets one line per finished run. */
    public CalibrationResult measure(Clock clock, Consumer<String> progress) {
        String loadBefore = load();
        String started = clock.instant().toString();
        Map<Metric, List<Long>> all = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            all.put(m, new ArrayList<>());
        }
        EnsembleSpec spec = CalibrationEnsemble.quickStart(manifest, true);
        for (int i = 1; i <= runs; i++) {
            long t = System.nanoTime();
            Map<Metric, List<Long>> one = new CalibrationRun(spec, cluster, i, writes, recoveryTxns).run();
            one.forEach((m, xs) -> all.get(m).addAll(xs));
            progress.accept("run " + i + "/" + runs + " done in " + (System.nanoTime() - t) / 1_000_000 + " ms; load "
                    + load());
        }
        List<String> env = List.of(
                "When: " + started + " .. " + clock.instant() + " (UTC).",
                "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                        + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
                        + ".",
                "Load average (1/5/15 min): " + loadBefore + " before, " + load() + " after.",
                "Manifest: " + manifest.source() + " (" + manifest.statefulSet().replicas()
                        + " servers; Parallel, publishNotReadyAddresses for a quick start).");
        return new CalibrationResult(all, runs, env, statistic);
    }

    /** The 1, 5 and 15 minute load averages (/proc/loadavg), else the JVM's 1 minute figure. */
    static String load() {
        Path p = Path.of("/proc/loadavg");
        try {
            if (Files.isReadable(p)) {
                String[] f = Files.readString(p).trim().split("\\s+");
                return f[0] + " " + f[1] + " " + f[2];
            }
        } catch (IOException e) {
            // fall through to the JVM's figure
        }
        return String.format(
                "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
