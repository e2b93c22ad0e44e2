package dev.zksim.model.k8s;

import dev.zksim.model.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * The mutable API object of one pod plus the kubelet's private bookkeeping for its single container. Owned by
 * {@link ClusterState}; never leaves the package (callers see {@link PodSnapshot}).
 */
final class PodObj {
    /** The container's state as the pod status reports it (what kubectl prints). */
    enum ContainerState {
        NONE,
        WAITING,
        RUNNING,
        TERMINATED
    }

    final String name;
    final int ordinal;
    final String uid;
    /** Creation order, for the scheduling queue. */
    final long seq;

    final long createdAtMs;
    final Revision revision;
    final SortedMap<String, String> labels;
    /** One claim name per volumeClaimTemplate, in template order. */
    final List<String> claims;

    String node;
    String ip;
    PodPhase phase = PodPhase.PENDING;
    ContainerState container = ContainerState.NONE;
    /** ContainerCreating / CrashLoopBackOff (waiting) or Error / Completed (terminated). */
    String containerReason = "";
    /** The container status' ready flag: the READY column. */
    boolean containerReady;
    /** The pod's Ready condition: what endpoints and PDBs count; the node controller may clear it alone. */
    boolean readyCondition;

    long readySinceMs = -1;
    int restarts;
    boolean terminating;
    long deletionAtMs;
    String pendingReason;

    // kubelet bookkeeping ------------------------------------------------------------
    /** Incremented whenever the container incarnation or the kubelet's plan for it changes; stale timers check it. */
    long generation;
    /** Ground truth: the runtime has a started process for this pod that was not yet stopped or killed. */
    boolean processRunning;
    /** The kubelet is stopping the container (graceful termination or liveness kill). */
    boolean stopping;
    /** The preStop hook the kubelet runs in this container, until it finished or the grace period ended; or null. */
    Object preStopRun;

    boolean probesBroken;
    long containerStartedAtMs;
    int readinessSuccesses;
    int readinessFailures;
    int livenessFailures;
    long nextBackOffMs;
    /** The kubelet's image pull back-off for this pod's image: the next delay (0: none yet). */
    long nextImagePullBackOffMs;

    long lastBackOffUpdateMs = Long.MIN_VALUE / 2;
    final List<Scheduler.Timer> timers = new ArrayList<>();

    PodObj(
            String name,
            int ordinal,
            String uid,
            long seq,
            long createdAtMs,
            Revision revision,
            SortedMap<String, String> labels,
            List<String> claims) {
        this.name = name;
        this.ordinal = ordinal;
        this.uid = uid;
        this.seq = seq;
        this.createdAtMs = createdAtMs;
        this.revision = revision;
        this.labels = labels;
        this.claims = List.copyOf(claims);
    }

    /** Running and Ready and not being deleted: the StatefulSet controller's {@code isRunningAndReady}. */
    boolean runningAndReady() {
        return phase == PodPhase.RUNNING && readyCondition && !terminating;
    }

    /**
     * The STATUS column, following kubectl's printPod: deletion first, then the container's waiting/terminated reason.
     */
    String status() {
        if (terminating) {
            return "Terminating";
        }
        return switch (container) {
            case NONE -> phase.apiName();
            case WAITING, TERMINATED -> containerReason;
            case RUNNING -> "Running";
        };
    }

    int readyContainers() {
        return container == ContainerState.RUNNING && containerReady ? 1 : 0;
    }

    void cancelTimers() {
        for (Scheduler.Timer t : timers) {
            t.cancel();
        }
        timers.clear();
        generation++;
    }
}
