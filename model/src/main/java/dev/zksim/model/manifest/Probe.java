package dev.zksim.model.manifest;

import java.util.List;

/**
 * A readiness or liveness probe with the Kubernetes defaults filled in
 * (kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes:
 * initialDelaySeconds 0, periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3).
 *
 * @param command the exec command (empty for tcpSocket/httpGet probes, which zksim treats as "port answers")
 */
public record Probe(
        List<String> command,
        int initialDelaySeconds,
        int periodSeconds,
        int timeoutSeconds,
        int successThreshold,
        int failureThreshold) {
    public Probe {
        command = List.copyOf(command);
    }

    public static Probe withDefaults(List<String> command) {
        return new Probe(command, 0, 10, 1, 1, 3);
    }

    /**
     * What the probe asks ZooKeeper, as far as its command tells: {@link HealthCheck#SERVING} for a command that
     * sends {@code srvr} and looks for the {@code Mode:} line (the server has joined a quorum and serves clients),
     * otherwise {@link HealthCheck#RUOK} (the image's {@code zookeeper-ready PORT} script, {@code echo ruok | nc ...},
     * tcpSocket and httpGet probes: the process answers, even while it is still LOOKING for a leader).
     */
    public HealthCheck check() {
        String c = String.join(" ", command);
        return c.contains("srvr") && c.contains("Mode") ? HealthCheck.SERVING : HealthCheck.RUOK;
    }

    /**
     * The health check a probe performs, as zksim tells it from the probe's command (not the Kubernetes handler:
     * exec, tcpSocket and httpGet probes that only reach the process are all {@link #RUOK}).
     */
    public enum HealthCheck {
        /** The server process answers on its client port ({@code ruok} → {@code imok}). */
        RUOK,
        /** {@code srvr} reports a Mode (leader, follower, observer, standalone): the server serves clients. */
        SERVING
    }
}
