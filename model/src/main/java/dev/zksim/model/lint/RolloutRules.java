package dev.zksim.model.lint;

import dev.zksim.model.manifest.StatefulSetSpec;
import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import dev.zksim.model.manifest.StatefulSetSpec.UpdateStrategy;
import java.util.List;

/**
 * How the StatefulSet controller creates, deletes and updates the pods: worth knowing, rarely wrong.
 * See https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#pod-management-policies and
 * https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#update-strategies
 */
final class RolloutRules {
    private RolloutRules() {}

    static List<LintRule> all() {
        return List.of(new ParallelPodManagement(), new OnDeleteUpdates(), new RollingUpdatePartition());
    }

    /**
     * {@code parallel-pod-management}: Parallel creates and deletes pods without waiting for their predecessors to
     * be Running and Ready. Fine for ZooKeeper's first start (the tutorial's README recommends it), but scaling down
     * removes several servers at once. Updates are not affected.
     * See https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#parallel-pod-management
     */
    static final class ParallelPodManagement extends AbstractRule {
        ParallelPodManagement() {
            super(
                    "parallel-pod-management",
                    Severity.INFO,
                    "Parallel pod management starts and deletes all pods at once instead of one by one.",
                    "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#parallel-pod-management");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            if (ctx.spec().statefulSet().podManagementPolicy() != PodManagementPolicy.PARALLEL) {
                return List.of();
            }
            return List.of(ctx.atStatefulSet(
                    this,
                    severity(),
                    "spec.podManagementPolicy",
                    "podManagementPolicy Parallel launches and terminates pods without waiting for the previous"
                            + " ordinal to be Running and Ready: all servers start together (faster first start,"
                            + " fine for ZooKeeper), but a scale-down removes several servers at once and a"
                            + " replacement pod does not wait for its predecessors. Rolling updates still go one pod"
                            + " at a time.",
                    "Keep Parallel if you expect it; use OrderedReady to get one-at-a-time creation and deletion."));
        }
    }

    /**
     * {@code on-delete-update-strategy}: with OnDelete the controller never replaces pods when the template
     * changes; each pod keeps its old spec until it is deleted by hand.
     * See https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#on-delete
     */
    static final class OnDeleteUpdates extends AbstractRule {
        OnDeleteUpdates() {
            super(
                    "on-delete-update-strategy",
                    Severity.INFO,
                    "With OnDelete, template changes (image, flags, resources) reach a pod only when someone deletes"
                            + " it.",
                    "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#on-delete");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            if (ctx.spec().statefulSet().updateStrategy().type() != UpdateStrategy.Type.ON_DELETE) {
                return List.of();
            }
            return List.of(ctx.atStatefulSet(
                    this,
                    severity(),
                    "spec.updateStrategy.type",
                    "updateStrategy OnDelete: `kubectl apply` of a changed template (image, flags, resources)"
                            + " changes no running pod; each keeps its old spec until it is deleted by hand, and"
                            + " deleting several at once loses quorum.",
                    "Delete one pod at a time and wait until it is Ready (rejoined the quorum) before the next, or"
                            + " use RollingUpdate."));
        }
    }

    /**
     * {@code rolling-update-partition}: pods with an ordinal below the partition keep the old revision when the
     * template changes; a partition of at least the replicas updates nothing.
     * See https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#partitions
     */
    static final class RollingUpdatePartition extends AbstractRule {
        RollingUpdatePartition() {
            super(
                    "rolling-update-partition",
                    Severity.INFO,
                    "A RollingUpdate partition keeps lower ordinals on the old revision (a staged rollout).",
                    "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#partitions");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            StatefulSetSpec sts = ctx.spec().statefulSet();
            UpdateStrategy u = sts.updateStrategy();
            if (u.type() != UpdateStrategy.Type.ROLLING_UPDATE || u.partition() <= 0) {
                return List.of();
            }
            String scope = u.partition() >= sts.replicas()
                    ? "no pod is updated at all when the template changes"
                    : "only " + ctx.spec().podName(u.partition()) + ".."
                            + ctx.spec().podName(sts.replicas() - 1)
                            + " are updated; " + ctx.spec().podName(0)
                            + (u.partition() > 1 ? ".." + ctx.spec().podName(u.partition() - 1) : "")
                            + " keep the old revision";
            return List.of(ctx.atStatefulSet(
                    this,
                    severity(),
                    "spec.updateStrategy.rollingUpdate.partition",
                    "RollingUpdate partition " + u.partition() + ": " + scope + ", so the ensemble runs mixed"
                            + " configurations until the partition is lowered.",
                    "Lower the partition step by step to finish a staged rollout, or remove it."));
        }
    }
}
