package dev.zksim.model.explore;

import dev.zksim.model.k8s.ClusterSpec;
import java.util.EnumSet;
import java.util.Set;

/**
 * What to explore and how.
 *
 * @param runs how many runs (≥ 1)
 * @param maxActions actions per run (waits not counted; ≥ 1)
 * @param seed the search's seed: run {@code i} uses {@link Explorer#runSeed(long, int)}
 * @param cluster the nodes every run starts with
 * @param clusterYaml the same nodes as the scenario format's {@code cluster:} block (for the files of findings)
 * @param actions the kinds of action to generate
 * @param maxWriteOutageMs the availability budget
 * @param allowDataLoss whether PVC deletion may be generated (data loss then is reported, not a finding)
 * @param hooks how each run's world is built ({@link WorldHooks#STANDARD} outside tests)
 */
public record ExploreOptions(
        int runs,
        int maxActions,
        long seed,
        ClusterSpec cluster,
        String clusterYaml,
        Set<ActionKind> actions,
        long maxWriteOutageMs,
        boolean allowDataLoss,
        WorldHooks hooks) {
    public static final int DEFAULT_RUNS = 1000;
    public static final int DEFAULT_MAX_ACTIONS = 30;
    /** The most shrinking re-runs per finding. */
    public static final int SHRINK_RUNS = 400;

    public ExploreOptions {
        if (runs < 1 || maxActions < 1 || maxWriteOutageMs <= 0) {
            throw new IllegalArgumentException("runs, maxActions and maxWriteOutageMs must be positive");
        }
        EnumSet<ActionKind> a = EnumSet.noneOf(ActionKind.class);
        a.addAll(actions);
        if (!allowDataLoss) {
            a.remove(ActionKind.DELETE_PVC);
        }
        actions = Set.copyOf(a);
    }

    public ExploreOptions withRuns(int n) {
        return new ExploreOptions(
                n, maxActions, seed, cluster, clusterYaml, actions, maxWriteOutageMs, allowDataLoss, hooks);
    }

    public ExploreOptions withHooks(WorldHooks h) {
        return new ExploreOptions(
                runs, maxActions, seed, cluster, clusterYaml, actions, maxWriteOutageMs, allowDataLoss, h);
    }
}
