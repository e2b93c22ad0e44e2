package dev.zksim.model.explore;

import dev.zksim.model.explore.ExploreAction.NodeTarget;
import dev.zksim.model.explore.ExploreAction.PodTarget;
import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries of explore's actions, for a team's own {@code @Property} over its manifest (docs/explore.md):
 * lists of actions, each followed by a wait, that jqwik generates and shrinks natively (shorter lists, simpler
 * targets, shorter waits); {@link Explorer#execute} runs a list with every invariant checked after every step.
 *
 * <p>Needs {@code net.jqwik:jqwik-api} on the class path (an optional dependency of this module).
 */
public final class ExploreArbitraries {
    private ExploreArbitraries() {}

    /** Lists of at most {@code maxActions} actions of {@code kinds} for {@code manifest} on {@code cluster}. */
    public static Arbitrary<List<ExploreAction>> actions(
            EnsembleSpec manifest, ClusterSpec cluster, Set<ActionKind> kinds, int maxActions) {
        int replicas = Math.max(1, manifest.statefulSet().replicas());
        int nodes = Math.max(1, cluster.nodes().size());
        EnumSet<ActionKind> k = EnumSet.noneOf(ActionKind.class);
        k.addAll(kinds);
        k.remove(ActionKind.WAIT);
        if (k.isEmpty()) {
            throw new IllegalArgumentException("no action kinds");
        }
        List<Arbitrary<ExploreAction>> each = new ArrayList<>();
        for (ActionKind kind : k) {
            each.add(action(kind, replicas, nodes));
        }
        Arbitrary<ExploreAction> action = Arbitraries.oneOf(each);
        // shrinks towards no wait, then short waits
        Arbitrary<ExploreAction> waitAfter =
                Arbitraries.longs().between(0, 180_000).map(ExploreAction.WaitAction::new);
        return Combinators.combine(action, waitAfter)
                .as((a, w) -> List.of(a, w))
                .list()
                .ofMaxSize(maxActions)
                .map(pairs -> {
                    List<ExploreAction> out = new ArrayList<>();
                    pairs.forEach(out::addAll);
                    return out;
                });
    }

    /** One action of {@code kind}. */
    public static Arbitrary<ExploreAction> action(ActionKind kind, int replicas, int nodes) {
        Arbitrary<NodeTarget> node = Arbitraries.oneOf(List.of(
                Arbitraries.just(new NodeTarget.LeaderNode()),
                Arbitraries.integers().between(0, replicas - 1).map(NodeTarget.OrdinalNode::new),
                Arbitraries.integers().between(0, nodes - 1).map(NodeTarget.NthNode::new),
                Arbitraries.just(new NodeTarget.CordonedNode())));
        Arbitrary<PodTarget> pod = Arbitraries.oneOf(List.of(
                Arbitraries.just(new PodTarget.LeaderPod()),
                Arbitraries.integers().between(0, replicas - 1).map(PodTarget.OrdinalPod::new)));
        return switch (kind) {
            case DRAIN -> node.map(ExploreAction.DrainAction::new);
            case CORDON -> node.map(ExploreAction.CordonAction::new);
            case UNCORDON -> Arbitraries.just(new ExploreAction.UncordonAction(new NodeTarget.CordonedNode()));
            case FAIL_NODE -> node.map(ExploreAction.FailNodeAction::new);
            case RECOVER_NODE -> Arbitraries.just(new ExploreAction.RecoverNodeAction(new NodeTarget.FailedNode()));
            case DELETE_POD -> pod.map(p -> new ExploreAction.DeletePodAction(p, false));
            case FORCE_DELETE_POD ->
                Arbitraries.oneOf(List.of(pod, Arbitraries.just(new PodTarget.PodOnFailedNode())))
                        .map(p -> new ExploreAction.DeletePodAction(p, true));
            case KILL_PROCESS -> pod.map(ExploreAction.KillProcessAction::new);
            case ROLLING_UPDATE -> Arbitraries.of(300L, 400L, 500L, 600L).map(ExploreAction.RollingUpdateAction::new);
            case ROLLOUT_UNDO -> Arbitraries.just(new ExploreAction.RolloutUndoAction());
            case SCALE -> Arbitraries.integers().between(1, replicas + 2).map(ExploreAction.ScaleAction::new);
            case WRITE -> Arbitraries.just(new ExploreAction.WriteAction());
            case DELETE_PVC -> Arbitraries.integers().between(0, replicas - 1).map(ExploreAction.DeletePvcAction::new);
            case PARTITION ->
                Combinators.combine(
                                Arbitraries.of(true, false),
                                Arbitraries.integers()
                                        .between(0, replicas - 1)
                                        .set()
                                        .ofMaxSize(Math.max(1, replicas - 1)),
                                Arbitraries.integers().between(0, replicas - 1).optional())
                        .as((leader, ordinals, clients) -> new ExploreAction.PartitionAction(
                                leader,
                                ordinals.stream().sorted().toList(),
                                clients.map(java.util.OptionalInt::of).orElse(java.util.OptionalInt.empty())));
            case ISOLATE -> pod.map(ExploreAction.IsolateAction::new);
            case PARTITION_NODE -> node.map(ExploreAction.PartitionNodeAction::new);
            case PAUSE_PROCESS -> pod.map(ExploreAction.PauseProcessAction::new);
            case RESUME_PROCESS -> Arbitraries.just(new ExploreAction.ResumeProcessAction(new PodTarget.PausedPod()));
            case SLOW_LINK ->
                Combinators.combine(
                                pod,
                                Arbitraries.integers().between(0, replicas - 1),
                                Arbitraries.of(50L, 500L, 2_000L, 8_000L, 15_000L),
                                Arbitraries.of(true, false))
                        .as(ExploreAction.SlowLinkAction::new);
            case HEAL -> Arbitraries.just(new ExploreAction.HealAction());
            case WAIT -> Arbitraries.longs().between(0, 180_000).map(ExploreAction.WaitAction::new);
        };
    }
}
