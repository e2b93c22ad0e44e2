package dev.zksim.conformance;

import dev.zksim.model.explore.ActionGenerator;
import dev.zksim.model.explore.ActionKind;
import dev.zksim.model.explore.ExploreAction;
import dev.zksim.model.explore.ExploreClusters;
import dev.zksim.model.explore.ExploreOptions;
import dev.zksim.model.explore.Explorer;
import dev.zksim.model.explore.RunOutcome;
import dev.zksim.model.explore.TraceEntry;
import dev.zksim.model.explore.WorldHooks;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.scenario.Durations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random conformance scenarios from {@code zksim explore}'s own generator: the actions of run {@code n} of a search
 * with {@code seed} ({@link Explorer#runSeed}, {@link ActionGenerator}), resolved by running them once in explore's
 * model world (so "the leader" becomes the pod that led at that instant, as in a finding's file), followed by explore's
 * own healing (network, paused processes, failed nodes, cordons, scale) and a settle wait, a read of every path written
 * and {@code expect-no-lost-writes}. Deterministic: the same manifest, seed and size give the same files.
 *
 * <p>Two changes to what explore writes, both so that a scenario means the same in an engine where a client operation
 * takes wall time: writes get a short time-out ({@link #WRITE_TIMEOUT_MS}), and explore's availability budget is
 * switched off (a budget violation would end the generated run early; conformance compares, it does not judge).
 */
public final class ConformanceGenerator {
    /** The time-out of each generated write: a write that waits longer than this lets the two engines drift apart. */
    static final long WRITE_TIMEOUT_MS = 2_000;

    private final EnsembleSpec manifest;
    private final Path manifestPath;
    private final long seed;
    private final Explorer explorer;
    private final ActionGenerator generator;

    /**
     * @param manifestPath the manifest's file (written into each scenario as an absolute path)
     * @param actions actions per scenario (waits not counted)
     * @param nodes the cluster's node count (uniform nodes of 2 CPUs and 4Gi, as explore's default)
     */
    public ConformanceGenerator(EnsembleSpec manifest, Path manifestPath, long seed, int actions, int nodes) {
        this.manifest = manifest;
        this.manifestPath = manifestPath.toAbsolutePath().normalize();
        this.seed = seed;
        String clusterYaml = ExploreClusters.uniformYaml(nodes, "2", "4Gi");
        ExploreOptions options = new ExploreOptions(
                1,
                actions,
                seed,
                ExploreClusters.parse(Path.of("--nodes"), clusterYaml),
                clusterYaml,
                ActionKind.defaults(),
                Long.MAX_VALUE / 4,
                false,
                WorldHooks.STANDARD);
        this.explorer = new Explorer(manifest, options);
        this.generator = new ActionGenerator(
                options.actions(), actions, manifest.statefulSet().replicas(), nodes);
        this.clusterYaml = clusterYaml;
    }

    private final String clusterYaml;

    /** Scenario {@code n} (1-based). */
    public ConformanceCase generate(int n) {
        long runSeed = Explorer.runSeed(seed, n);
        List<ExploreAction> actions = generator.generate(new SplittableRandom(runSeed));
        RunOutcome o = explorer.execute(actions, runSeed);
        String name = "conform-" + seed + "-" + n;
        StringBuilder sb = new StringBuilder();
        sb.append("# ")
                .append(name)
                .append(".yaml: conformance scenario ")
                .append(n)
                .append(" of seed ")
                .append(seed);
        sb.append(" (zksim conform, docs/conformance.md).\n");
        sb.append("# Replay: zksim run ")
                .append(name)
                .append(".yaml   and   zksim run ")
                .append(name);
        sb.append(".yaml --engine real\n");
        o.violation().ifPresent(v -> sb.append("# explore noted while generating it: ")
                .append(v.invariant().id())
                .append(" at ")
                .append(Durations.format(v.atMs()))
                .append('\n'));
        sb.append("name: ").append(name).append('\n');
        sb.append("manifest: ").append(manifestPath).append('\n');
        sb.append("seed: ").append(runSeed).append('\n');
        sb.append(clusterYaml.stripTrailing()).append('\n');
        sb.append("steps:\n");
        sb.append("  - apply:\n");
        sb.append("  - wait: {until: {allOf: [all-ready, writable]}, timeout: ")
                .append(Durations.format(Explorer.SETTLE_BOUND_MS))
                .append("}\n");
        sb.append("  - write: {path: /explore-0, value: v0, timeout: ")
                .append(WRITE_TIMEOUT_MS)
                .append("ms}\n");
        List<String> paths = new ArrayList<>(List.of("/explore-0"));
        List<String> drains = new ArrayList<>();
        for (TraceEntry e : o.trace()) {
            if (e.yamlStep().isEmpty()) {
                continue;
            }
            String step = e.yamlStep().get();
            if (e.action() instanceof ExploreAction.WriteAction) {
                // "write: {path: /explore-3, value: v3}" or "expect-write-fails: {...}"
                step = step.substring(0, step.length() - 1) + ", timeout: " + WRITE_TIMEOUT_MS + "ms}";
                paths.add(step.substring(step.indexOf("path: ") + 6, step.indexOf(',', step.indexOf("path: "))));
            }
            sb.append("  - ").append(step).append('\n');
            if (e.action() instanceof ExploreAction.DrainAction) {
                drains.add("drain" + (drains.size() + 1));
                sb.append("    label: ").append(drains.get(drains.size() - 1)).append('\n');
            }
        }
        // A drain still retrying an eviction the PDB refused goes on after uncordon (kubectl drain does): it evicts as
        // soon as the ensemble is healthy again. The reads must come after it, or one engine's read (which takes wall
        // time in the real engine) meets the eviction and the other's does not.
        // A minute first, so that what the last actions set going (a recovered node's reboot, a container restart)
        // happens before the settle check in both engines, not during the real engine's reads.
        sb.append("  - wait: 60s\n");
        // rollout-complete, not all-ready: between two pods of a rolling update every pod is Ready for an instant,
        // which the model's wait sees and the real engine's polling may not (explore's liveness check asks the same).
        // And zk-0 serving: the reads go to it, and a read in the model does not wait for a server to rejoin.
        sb.append("  - wait: {until: {allOf: [rollout-complete, writable, {server: ")
                .append(manifest.podName(0))
                .append(", mode: serving}");
        for (String d : drains) {
            sb.append(", {drain: done, step: ").append(d).append('}');
        }
        sb.append("]}, timeout: ")
                .append(Durations.format(explorer.livenessBoundMs()
                        + (drains.isEmpty() ? 0 : dev.zksim.model.explore.ExploreWorld.DRAIN_TIMEOUT_MS)))
                .append("}\n");
        for (String p : paths) {
            sb.append("  - read: {pod: ")
                    .append(manifest.podName(0))
                    .append(", path: ")
                    .append(p);
            sb.append(", sync: true}\n");
        }
        sb.append("  - expect-no-lost-writes:\n");
        return new ConformanceCase(n, runSeed, name + ".yaml", sb.toString());
    }
}
