package dev.zksim.model.k8s;

import dev.zksim.model.manifest.PreStopHook;
import java.util.SortedMap;

/**
 * What the kubelet asks of whatever runs containers: the Zab model (virtual time) or real in-process ZooKeeper
 * servers (wall time). The control plane never knows which.
 *
 * <p>Contract: all calls come from the scheduler's single thread of control. {@link #start} is called after the
 * container is created on a node with its volume attached; {@link #stop} and {@link #kill} are called at most once per
 * start. {@link #probe} answers whether the container's own health check succeeds now (for ZooKeeper: {@code ruok}
 * answers {@code imok}); probe scheduling, thresholds, and broken probe scripts are the kubelet's business.
 *
 * <p>As the model's kubelet ({@link KubernetesCluster}) uses it: exactly one of {@link #stop} / {@link #kill} follows
 * each {@link #start} of a pod before that pod is started again (kill when the process is killed, the machine fails,
 * the pod is force-deleted or its node object deleted; stop for graceful termination and liveness restarts);
 * {@link #probe} is only asked about a started container on a machine that is up; the exit listener may be called from
 * inside {@code start} or {@code probe}, and exits of containers the kubelet already stopped or killed are ignored. How
 * long a stop takes is the kubelet's bookkeeping ({@link ClusterTimings#containerStopMs()}): the runtime may stop at
 * once.
 */
public interface ContainerRuntime {

    /** Starts the container described by {@code launch}; returns at once (starting may take time). */
    void start(ContainerLaunch launch);

    /** Graceful stop (SIGTERM, the process shuts down cleanly). */
    void stop(String podName);

    /** Abrupt stop (SIGKILL, process crash, node lost): no goodbye beyond what a dying process gives. */
    void kill(String podName);

    /**
     * The machine under the container lost power: the process is gone, but unlike {@link #kill} no FIN and no RST
     * leave the machine, so peers and clients see their connections fall silent, not close (they notice by their own
     * read time-outs), and new connections to the pod's address go unanswered. Called instead of {@link #kill} when a
     * node fails; the default, for runtimes without a network of their own, is {@link #kill}.
     */
    default void powerOff(String podName) {
        kill(podName);
    }

    /**
     * Runs the container's preStop hook (the kubelet calls it on a graceful termination of a container whose spec
     * has one, before {@link #stop}; never before {@link #kill} or {@link #powerOff}) and calls {@code finished}
     * once when the hook's command returned, from the scheduler's thread of control, possibly from inside this call.
     * At most once per {@link #start}. The kubelet does not wait beyond the grace period: it may {@link #stop} or
     * {@link #kill} the container while the hook still runs, after which the runtime abandons the hook and need not
     * call {@code finished} (a late call is ignored). A hook without a command ({@link PreStopHook#isExec()} false)
     * finishes at once.
     */
    void runPreStop(String podName, PreStopHook hook, Runnable finished);

    /** Runs the container's health check now. */
    boolean probe(String podName, ProbeKind kind);

    /**
     * Runs the health check {@code check} the manifest's probe command performs (docs/explore.md: a {@code srvr}
     * Mode probe is Ready only once the server serves). Runtimes that know only one check answer it for both.
     */
    default boolean probe(String podName, ProbeKind kind, dev.zksim.model.manifest.Probe.HealthCheck check) {
        return probe(podName, kind);
    }

    /**
     * The governing (headless) Service's DNS A records changed. Maps pod name to pod IP for each pod the DNS
     * publishes (Ready pods that are not being deleted, unless the Service sets publishNotReadyAddresses). Called with
     * the whole, immutable set each time it changes (a pod turning Ready or not Ready, deleted, or re-created with a
     * new IP), synchronously with the pod change that caused it.
     */
    void dnsChanged(SortedMap<String, String> podIps);

    /** Receives container exits the runtime notices by itself (a server that dies on its own). */
    void setExitListener(ExitListener listener);

    /** Which probe is asked. */
    enum ProbeKind {
        READINESS,
        LIVENESS
    }

    /**
     * Callback for a container that exited on its own. Like every call into the control plane it must come from the
     * scheduler's thread of control: a runtime whose processes die on other threads hands the exit over first (e.g.
     * {@code scheduler.schedule(0, "exit", () -> listener.exited(pod, code))}).
     */
    @FunctionalInterface
    interface ExitListener {
        void exited(String podName, int exitCode);
    }

    /** A runtime whose containers are healthy from start until stopped: the Kubernetes-only model. */
    static ContainerRuntime alwaysHealthy() {
        return new AlwaysHealthyRuntime();
    }
}
