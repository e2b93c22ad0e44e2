package dev.zksim.model.k8s;

import java.util.OptionalInt;

/**
 * Options of {@code kubectl delete pod}: {@code --grace-period=N} and {@code --force}
 * (kubernetes.io/docs/tasks/run-application/force-delete-stateful-set-pod/).
 *
 * @param gracePeriodSeconds overrides the pod's terminationGracePeriodSeconds
 * @param force with grace period 0: remove the pod object at once, without waiting for the kubelet to confirm the
 *     container has stopped
 */
public record DeleteOptions(OptionalInt gracePeriodSeconds, boolean force) {
    /** {@code kubectl delete pod zk-0}. */
    public static final DeleteOptions GRACEFUL = new DeleteOptions(OptionalInt.empty(), false);
    /** {@code kubectl delete pod zk-0 --grace-period=0 --force}. */
    public static final DeleteOptions FORCE = new DeleteOptions(OptionalInt.of(0), true);

    public DeleteOptions {
        if (gracePeriodSeconds.isPresent() && gracePeriodSeconds.getAsInt() < 0) {
            throw new IllegalArgumentException("negative grace period");
        }
        if (force && gracePeriodSeconds.orElse(-1) != 0) {
            // kubectl: "--force" requires "--grace-period=0" to delete immediately; we only model that combination.
            throw new IllegalArgumentException("--force needs --grace-period=0");
        }
    }

    public static DeleteOptions gracePeriod(int seconds) {
        return new DeleteOptions(OptionalInt.of(seconds), false);
    }
}
