package dev.zksim.model.scenario;

import dev.zksim.model.k8s.ClusterTimings;

/**
 * The delays a scenario's {@code timing:} section may override, by YAML key; the defaults and their sources are those
 * of {@link ClusterTimings#DEFAULTS}. ZooKeeper-side delays are not here: they come from the manifest (tickTime,
 * initLimit, syncLimit) and are never faked.
 */
public enum TimingKey {
    /** ContainerCreating until the container runs (image pull, volume attach, sandbox); the tutorial shows 19 s. */
    CONTAINER_CREATE("containerCreate", "from ContainerCreating until the container runs"),
    /** How long a container takes to exit after SIGTERM (capped by the grace period). */
    CONTAINER_STOP("containerStop", "how long a container takes to exit after SIGTERM"),
    /** kube-controller-manager's --node-monitor-grace-period (40 s). */
    NODE_MONITOR_GRACE_PERIOD("nodeMonitorGracePeriod", "how long a silent node stays Ready before it is NotReady"),
    /** The default not-ready/unreachable toleration (300 s). */
    NOT_READY_TOLERATION("notReadyToleration", "how long pods stay bound to a NotReady node before eviction"),
    /** kubectl drain's pause before retrying a refused eviction (5 s). */
    DRAIN_RETRY("drainRetry", "how long kubectl drain waits before retrying a refused eviction"),
    /** The first CrashLoopBackOff delay (10 s), doubling per crash. */
    CRASH_LOOP_BACK_OFF("crashLoopBackOff", "the first back-off before a crashed container restarts"),
    /** The CrashLoopBackOff cap (5 min). */
    CRASH_LOOP_MAX_BACK_OFF("crashLoopMaxBackOff", "the longest back-off before a crashed container restarts"),
    /** A container running this long without a crash resets its back-off (10 min). */
    CRASH_LOOP_RESET("crashLoopReset", "how long a container must run for its back-off to reset");

    private final String yamlName;
    private final String meaning;

    TimingKey(String yamlName, String meaning) {
        this.yamlName = yamlName;
        this.meaning = meaning;
    }

    /** The key as written in a scenario. */
    public String yamlName() {
        return yamlName;
    }

    /** One line on what the delay is. */
    public String meaning() {
        return meaning;
    }
}
