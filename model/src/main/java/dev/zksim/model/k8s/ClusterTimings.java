package dev.zksim.model.k8s;

/**
 * The control plane's and the kubelet's own delays, in simulation milliseconds. Probe schedules and grace periods come
 * from the manifest; these are the delays a manifest does not state. The real engine may scale them.
 *
 * @param containerCreateMs ContainerCreating → container started (image pull, volume attach, sandbox). The tutorial
 *     shows {@code ContainerCreating 0s} → {@code Running 19s}.
 * @param containerStopMs how long a container takes to exit after SIGTERM; capped by the pod's
 *     terminationGracePeriodSeconds, after which the kubelet kills it
 *     (kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination)
 * @param nodeMonitorGracePeriodMs how long a node may stop posting status before the node lifecycle controller marks
 *     it NotReady/Unknown (kube-controller-manager {@code --node-monitor-grace-period}, 40s)
 * @param notReadyTolerationMs the default toleration of {@code node.kubernetes.io/unreachable} and
 *     {@code not-ready} NoExecute taints added by the DefaultTolerationSeconds admission plugin (300s)
 *     (kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions)
 * @param drainRetryMs the pause before {@code kubectl drain} retries a refused eviction (5s)
 * @param crashLoopInitialBackOffMs first CrashLoopBackOff delay (10s), doubling per crash
 *     (kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts)
 * @param crashLoopMaxBackOffMs back-off cap (5 min)
 * @param crashLoopResetMs a container that runs this long without a crash resets its back-off (10 min)
 */
public record ClusterTimings(
        long containerCreateMs,
        long containerStopMs,
        long nodeMonitorGracePeriodMs,
        long notReadyTolerationMs,
        long drainRetryMs,
        long crashLoopInitialBackOffMs,
        long crashLoopMaxBackOffMs,
        long crashLoopResetMs) {

    /** Kubernetes' defaults, and the tutorial's observed container creation time. */
    public static final ClusterTimings DEFAULTS =
            new ClusterTimings(19_000, 1_000, 40_000, 300_000, 5_000, 10_000, 300_000, 600_000);

    public ClusterTimings {
        if (containerCreateMs < 0
                || containerStopMs < 0
                || nodeMonitorGracePeriodMs < 0
                || notReadyTolerationMs < 0
                || drainRetryMs <= 0
                || crashLoopInitialBackOffMs < 0
                || crashLoopMaxBackOffMs < crashLoopInitialBackOffMs
                || crashLoopResetMs < 0) {
            throw new IllegalArgumentException("invalid timings " + this);
        }
    }
}
