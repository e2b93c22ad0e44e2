package dev.zksim.model.explore;

import dev.zksim.model.scenario.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a finding as an ordinary scenario file (docs/scenarios.md): a comment block that explains the finding and
 * tells its story, the setup every run starts with, the shrunk actions, and the broken invariant as the final
 * expectation, so {@code zksim run FILE} fails on it (exit 1) in the model engine. For the availability budget the
 * wait in which writes stopped becomes {@code wait: {until: {not: writable}}} and the end
 * {@code wait: {until: writable, timeout: BUDGET}}, which also means something in the real engine.
 */
public final class FindingScenarioWriter {
    private final ExploreFinding finding;
    private final long searchSeed;
    private final String manifestRef;
    private final String clusterYaml;
    private final long budgetMs;
    private final long livenessBoundMs;
    private final String commandLine;

    /**
     * @param manifestRef the manifest's path relative to the scenario file's directory
     * @param clusterYaml the {@code cluster:} block of the scenario format, e.g.
     *     {@code cluster: {nodes: {count: 4, cpu: 2, memory: 4Gi}}}
     * @param commandLine the explore command that found it (for the comment)
     */
    public FindingScenarioWriter(
            ExploreFinding finding,
            long searchSeed,
            String manifestRef,
            String clusterYaml,
            long budgetMs,
            long livenessBoundMs,
            String commandLine) {
        this.finding = finding;
        this.searchSeed = searchSeed;
        this.manifestRef = manifestRef;
        this.clusterYaml = clusterYaml;
        this.budgetMs = budgetMs;
        this.livenessBoundMs = livenessBoundMs;
        this.commandLine = commandLine;
    }

    /** Why an invariant matters and what usually breaks it, for the comment block. */
    static String explanation(ExploreInvariant inv) {
        return switch (inv) {
            case WRITE_OUTAGE_BUDGET ->
                "Writes stopped for longer than the budget although only disruptions Kubernetes"
                        + " permits happened (evictions the PodDisruptionBudget allowed, a rolling update), or a single"
                        + " fault hit a healthy ensemble. Usual causes: a readiness probe that reports Ready before the"
                        + " server has joined the quorum (ruok answers while the server is still LOOKING), so the PDB"
                        + " lets the next eviction go ahead; a PDB that allows more than (replicas-1)/2 pods to be"
                        + " unavailable; ensemble pods sharing a node (no required pod anti-affinity), so one node"
                        + " takes a majority. After a silent fault (a partition, a paused process, a failed node) the"
                        + " budget starts once ZooKeeper could notice it (syncLimit x tickTime): a budget below one"
                        + " election makes a cut-off leader a finding by itself.";
            case LIVENESS ->
                "After every fault was healed and every node uncordoned, the ensemble did not become"
                        + " writable with its rollout complete within the bound derived from the manifest's timings.";
            case ACKNOWLEDGED_WRITES_KEPT ->
                "A write the client saw acknowledged is gone, or was acknowledged" + " without a quorum that has it.";
            case ONE_LEADER_PER_EPOCH ->
                "Two leaders were established in one epoch (or epochs went backwards, or"
                        + " a lower vote won an election).";
            case HISTORY_PREFIX -> "A serving follower's committed history is not a prefix of its leader's.";
            case PDB_RESPECTED ->
                "An eviction of a healthy pod was granted although the PodDisruptionBudget allowed" + " no disruption.";
            case ONE_POD_PER_ORDINAL -> "Two containers of one StatefulSet ordinal ran at once.";
        };
    }

    /** The scenario file's text. */
    public String render() {
        ExploreViolation v = finding.violation();
        StringBuilder sb = new StringBuilder();
        String name = "explore-failure-" + searchSeed + "-" + finding.run();
        sb.append("# ")
                .append(finding.fileName(searchSeed))
                .append(": a finding of `")
                .append(commandLine)
                .append("`\n");
        sb.append("# (search seed ")
                .append(searchSeed)
                .append(", run ")
                .append(finding.run())
                .append(").\n#\n");
        sb.append("# Invariant broken: ")
                .append(v.invariant().id())
                .append(" - ")
                .append(v.invariant().description())
                .append('\n');
        wrap(sb, "What happened: " + v.detail());
        wrap(sb, explanation(v.invariant()));
        sb.append("#\n# Shrunk from ")
                .append(finding.generated())
                .append(" generated actions to ")
                .append(finding.storyActions())
                .append(" (")
                .append(finding.shrinkRuns())
                .append(" re-runs). The story:\n");
        sb.append("#   kubectl apply -f ")
                .append(manifestRef)
                .append("   # then wait until every pod is Ready and")
                .append(" writes work; zkCli.sh create /explore-0 v0\n");
        for (TraceEntry e : finding.trace()) {
            sb.append("#   ").append(e.story()).append('\n');
        }
        sb.append("#   # ")
                .append(v.invariant().id())
                .append(" broken at ")
                .append(Durations.format(v.atMs()))
                .append('\n');
        sb.append("#\n# Reproduce: zksim run ")
                .append(finding.fileName(searchSeed))
                .append("   (exit 1: the last step fails)\n");
        if (!expressible(v.invariant())) {
            sb.append("# No scenario step states this invariant: the file replays the story, and the explore check\n")
                    .append("# (with the same deliberately broken rule) is what fails.\n");
        }
        sb.append("name: ").append(name).append('\n');
        sb.append("description: |\n  ")
                .append(v.invariant().id())
                .append(" found by zksim explore (seed ")
                .append(searchSeed)
                .append(", run ")
                .append(finding.run())
                .append(")\n");
        sb.append("manifest: ").append(manifestRef).append('\n');
        sb.append("seed: ").append(finding.runSeed()).append('\n');
        sb.append(clusterYaml.stripTrailing()).append('\n');
        sb.append("steps:\n");
        sb.append("  - apply:\n");
        boolean settleFailed = finding.settledAtMs() < 0;
        sb.append("  - wait: {until: {allOf: [all-ready, writable]}, timeout: ")
                .append(Durations.format(Explorer.SETTLE_BOUND_MS))
                .append("}\n");
        if (settleFailed) {
            sb.append("    label: ").append(v.invariant().id()).append('\n');
            return sb.toString();
        }
        sb.append("  - write: {path: /explore-0, value: v0}\n");
        for (String step : steps()) {
            sb.append("  - ").append(step).append('\n');
        }
        return sb.toString();
    }

    private static boolean expressible(ExploreInvariant inv) {
        return inv == ExploreInvariant.WRITE_OUTAGE_BUDGET
                || inv == ExploreInvariant.LIVENESS
                || inv == ExploreInvariant.ACKNOWLEDGED_WRITES_KEPT;
    }

    private List<String> steps() {
        ExploreViolation v = finding.violation();
        List<TraceEntry> trace =
                finding.trace().stream().filter(TraceEntry::executed).toList();
        List<String> out = new ArrayList<>();
        String label = "\n    label: " + v.invariant().id();
        if (v.invariant() == ExploreInvariant.WRITE_OUTAGE_BUDGET) {
            long t0 = v.outageStartMs();
            boolean split = false;
            long remainderFrom = -1;
            for (int i = 0; i < trace.size(); i++) {
                TraceEntry e = trace.get(i);
                boolean isWait = e.action() instanceof ExploreAction.WaitAction;
                boolean last = i == trace.size() - 1;
                if (!split && isWait && e.endMs() > t0) {
                    split = true;
                    boolean earlier = finding.outageStartsMs().stream().anyMatch(s -> s >= e.startMs() && s < t0);
                    if (earlier) {
                        // writes also stopped briefly earlier in this wait: reach t0 by time, not by condition
                        out.add("wait: " + (t0 - e.startMs()) + "ms");
                    }
                    out.add("wait: {until: {not: writable}, timeout: " + Math.max(1, e.endMs() - e.startMs()) + "ms}");
                    remainderFrom = t0;
                    if (last) {
                        out.add("wait: {until: writable, timeout: " + Math.max(1, v.atMs() - t0) + "ms}" + label);
                    } else if (e.endMs() > t0) {
                        out.add("wait: " + (e.endMs() - t0) + "ms");
                    }
                } else if (split && isWait && last) {
                    out.add("wait: {until: writable, timeout: " + Math.max(1, e.endMs() - e.startMs()) + "ms}" + label);
                } else {
                    out.add(e.yamlStep().orElseThrow());
                }
            }
            if (remainderFrom < 0) {
                // a silent fault's detection allowance makes the judged outage longer than the budget
                out.add("wait: {until: writable, timeout: " + Math.max(budgetMs, v.atMs() - v.outageStartMs()) + "ms}"
                        + label);
            }
        } else {
            for (TraceEntry e : trace) {
                out.add(e.yamlStep().orElseThrow());
            }
            if (v.invariant() == ExploreInvariant.LIVENESS) {
                out.add("wait: {until: {allOf: [rollout-complete, writable]}, timeout: " + livenessBoundMs + "ms}"
                        + label);
            } else if (v.invariant() == ExploreInvariant.ACKNOWLEDGED_WRITES_KEPT) {
                out.add("expect-no-lost-writes:" + label);
            }
        }
        return out;
    }

    private static void wrap(StringBuilder sb, String text) {
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > 116) {
                sb.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        sb.append(line).append('\n');
    }
}
