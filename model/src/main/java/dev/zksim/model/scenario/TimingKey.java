package dev.zksim.model.scenario;

/**
 * The delays a scenario's {@code timing:} section may override. Each engine documents its defaults; the names are the
 * scenario's YAML keys.
 */
public enum TimingKey {
    /** From a pod bound to a node until its container runs (image pull, sandbox, volume attach). */
    CONTAINER_CREATION("containerCreation", "from a pod bound to a node until its container runs"),
    /** How long a container's process takes to start before its probes can succeed. */
    PROCESS_START("processStart", "from container start until the process answers its probes"),
    /** {@code kubectl drain} retries a refused eviction after this long (kubectl's 5 s). */
    DRAIN_RETRY("drainRetry", "how long kubectl drain waits before retrying a refused eviction"),
    /** The node controller marks a silent node NotReady after this (--node-monitor-grace-period, 40 s). */
    NODE_MONITOR_GRACE("nodeMonitorGracePeriod", "how long a silent node stays Ready before it is marked NotReady"),
    /** Pods tolerate a NotReady/unreachable node this long before they are evicted (300 s default toleration). */
    NOT_READY_TOLERATION("notReadyToleration", "how long pods stay on a NotReady node before they are evicted"),
    /** The first CrashLoopBackOff delay; doubles per restart up to five minutes (kubelet's 10 s). */
    RESTART_BACKOFF("restartBackoff", "the first back-off delay before a crashed container is restarted");

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
