package dev.zksim.model.explore;

import dev.zksim.model.explore.ExploreAction.NodeTarget;
import dev.zksim.model.explore.ExploreAction.PodTarget;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random but valid action sequences for explore's own runs: {@code maxActions} actions of the allowed kinds, most
 * followed by a wait. Weighted towards interesting states: targets are often the leader's pod or node, or a node
 * already cordoned or failed, and many waits are short, so actions land while a drain, a rollout or an election is
 * still going on. Deterministic: the same random source gives the same list.
 */
public final class ActionGenerator {
    /** Relative weights of the kinds (waits are not drawn: they follow actions). */
    private static final int[] WEIGHTS = weights();

    private final List<ActionKind> kinds;
    private final int maxActions;
    private final int replicas;
    private final int nodes;

    /**
     * @param kinds the kinds to draw from ({@link ActionKind#WAIT} only decides whether waits are generated)
     * @param replicas the manifest's replicas (ordinals are drawn below it, plus one for scale-ups)
     * @param nodes the cluster's node count
     */
    public ActionGenerator(Set<ActionKind> kinds, int maxActions, int replicas, int nodes) {
        EnumSet<ActionKind> k = EnumSet.noneOf(ActionKind.class);
        k.addAll(kinds);
        k.remove(ActionKind.WAIT);
        if (k.isEmpty()) {
            throw new IllegalArgumentException("no action kinds to generate");
        }
        this.kinds = List.copyOf(k);
        this.maxActions = maxActions;
        this.replicas = Math.max(1, replicas);
        this.nodes = Math.max(1, nodes);
    }

    private static int[] weights() {
        int[] w = new int[ActionKind.values().length];
        w[ActionKind.DRAIN.ordinal()] = 12;
        w[ActionKind.CORDON.ordinal()] = 3;
        w[ActionKind.UNCORDON.ordinal()] = 8;
        w[ActionKind.DELETE_POD.ordinal()] = 5;
        w[ActionKind.FORCE_DELETE_POD.ordinal()] = 3;
        w[ActionKind.KILL_PROCESS.ordinal()] = 6;
        w[ActionKind.FAIL_NODE.ordinal()] = 4;
        w[ActionKind.RECOVER_NODE.ordinal()] = 6;
        w[ActionKind.ROLLING_UPDATE.ordinal()] = 4;
        w[ActionKind.ROLLOUT_UNDO.ordinal()] = 3;
        w[ActionKind.SCALE.ordinal()] = 2;
        w[ActionKind.WRITE.ordinal()] = 10;
        w[ActionKind.DELETE_PVC.ordinal()] = 2;
        // faults as often as the other failures; healing and resuming about as often as the faults they undo, so
        // most runs have stretches with a fault in place and stretches after it healed
        w[ActionKind.PARTITION.ordinal()] = 3;
        w[ActionKind.ISOLATE.ordinal()] = 3;
        w[ActionKind.PARTITION_NODE.ordinal()] = 2;
        w[ActionKind.PAUSE_PROCESS.ordinal()] = 3;
        w[ActionKind.RESUME_PROCESS.ordinal()] = 4;
        w[ActionKind.SLOW_LINK.ordinal()] = 2;
        w[ActionKind.HEAL.ordinal()] = 8;
        return w;
    }

    /** One run's actions. */
    public List<ExploreAction> generate(SplittableRandom rng) {
        List<ExploreAction> out = new ArrayList<>();
        int total = 0;
        for (ActionKind k : kinds) {
            total += WEIGHTS[k.ordinal()];
        }
        for (int i = 0; i < maxActions; i++) {
            int pick = rng.nextInt(total);
            ActionKind kind = kinds.get(0);
            for (ActionKind k : kinds) {
                pick -= WEIGHTS[k.ordinal()];
                if (pick < 0) {
                    kind = k;
                    break;
                }
            }
            out.add(action(kind, rng));
            if (rng.nextInt(10) < 8) {
                out.add(new ExploreAction.WaitAction(waitMs(rng)));
            }
        }
        return out;
    }

    /**
     * A wait: often short (an action lands mid-election or mid-rollout), sometimes up to three minutes (a pod is
     * re-created and Ready in about 30 s, a three-pod rollout in about 1.5 min).
     */
    static long waitMs(SplittableRandom rng) {
        int r = rng.nextInt(100);
        if (r < 45) {
            return rng.nextLong(3_000);
        } else if (r < 80) {
            return 3_000 + rng.nextLong(57_000);
        }
        return 60_000 + rng.nextLong(120_000);
    }

    ExploreAction action(ActionKind kind, SplittableRandom rng) {
        return switch (kind) {
            case DRAIN -> new ExploreAction.DrainAction(node(rng));
            case CORDON -> new ExploreAction.CordonAction(node(rng));
            case UNCORDON ->
                new ExploreAction.UncordonAction(
                        rng.nextInt(5) < 4
                                ? new NodeTarget.CordonedNode()
                                : new NodeTarget.NthNode(rng.nextInt(nodes)));
            case FAIL_NODE -> new ExploreAction.FailNodeAction(node(rng));
            case RECOVER_NODE ->
                new ExploreAction.RecoverNodeAction(
                        rng.nextInt(10) < 9 ? new NodeTarget.FailedNode() : new NodeTarget.NthNode(rng.nextInt(nodes)));
            case DELETE_POD -> new ExploreAction.DeletePodAction(pod(rng), false);
            case FORCE_DELETE_POD ->
                new ExploreAction.DeletePodAction(rng.nextBoolean() ? new PodTarget.PodOnFailedNode() : pod(rng), true);
            case KILL_PROCESS -> new ExploreAction.KillProcessAction(pod(rng));
            case ROLLING_UPDATE -> new ExploreAction.RollingUpdateAction(300 + 100L * rng.nextInt(4));
            case ROLLOUT_UNDO -> new ExploreAction.RolloutUndoAction();
            case SCALE -> new ExploreAction.ScaleAction(Math.max(1, replicas - 2 + rng.nextInt(5)));
            case WRITE -> new ExploreAction.WriteAction();
            case DELETE_PVC -> new ExploreAction.DeletePvcAction(rng.nextInt(replicas));
            case PARTITION -> partition(rng);
            case ISOLATE -> new ExploreAction.IsolateAction(rng.nextInt(10) < 6 ? new PodTarget.LeaderPod() : pod(rng));
            case PARTITION_NODE -> new ExploreAction.PartitionNodeAction(node(rng));
            case PAUSE_PROCESS ->
                new ExploreAction.PauseProcessAction(rng.nextInt(10) < 6 ? new PodTarget.LeaderPod() : pod(rng));
            case RESUME_PROCESS ->
                new ExploreAction.ResumeProcessAction(rng.nextInt(10) < 9 ? new PodTarget.PausedPod() : pod(rng));
            case SLOW_LINK ->
                new ExploreAction.SlowLinkAction(
                        pod(rng),
                        rng.nextInt(replicas),
                        SLOW_DELAYS_MS[rng.nextInt(SLOW_DELAYS_MS.length)],
                        rng.nextBoolean());
            case HEAL -> new ExploreAction.HealAction();
            case WAIT -> new ExploreAction.WaitAction(waitMs(rng));
        };
    }

    /**
     * Slow-link delays: below a tick, a tick, near and beyond syncLimit × tickTime of the tutorial (10 s), where a
     * slow election link starts to matter.
     */
    private static final long[] SLOW_DELAYS_MS = {50, 500, 2_000, 8_000, 15_000};

    /**
     * One side of a two-sided partition: half the time the leader plus up to one more ordinal, else a random
     * non-empty set of ordinals; the clients mostly by the step's rule (the larger side), sometimes with a random pod.
     */
    private ExploreAction partition(SplittableRandom rng) {
        boolean withLeader = rng.nextBoolean();
        List<Integer> ordinals = new ArrayList<>();
        if (withLeader) {
            if (rng.nextBoolean()) {
                ordinals.add(rng.nextInt(replicas));
            }
        } else {
            int size = 1 + rng.nextInt(Math.max(1, replicas - 1));
            while (ordinals.size() < size) {
                int o = rng.nextInt(replicas);
                if (!ordinals.contains(o)) {
                    ordinals.add(o);
                }
            }
            ordinals.sort(null);
        }
        java.util.OptionalInt clients =
                rng.nextInt(4) == 0 ? java.util.OptionalInt.of(rng.nextInt(replicas)) : java.util.OptionalInt.empty();
        return new ExploreAction.PartitionAction(withLeader, ordinals, clients);
    }

    private NodeTarget node(SplittableRandom rng) {
        int r = rng.nextInt(100);
        if (r < 35) {
            return new NodeTarget.LeaderNode();
        } else if (r < 70) {
            return new NodeTarget.OrdinalNode(rng.nextInt(replicas));
        } else if (r < 90) {
            return new NodeTarget.NthNode(rng.nextInt(nodes));
        }
        return new NodeTarget.CordonedNode();
    }

    private PodTarget pod(SplittableRandom rng) {
        return rng.nextInt(10) < 4 ? new PodTarget.LeaderPod() : new PodTarget.OrdinalPod(rng.nextInt(replicas));
    }
}
