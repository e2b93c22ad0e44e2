package dev.zksim.model.manifest;

import java.util.List;

/**
 * A readiness or liveness probe with the Kubernetes defaults filled in
 * (kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes:
 * initialDelaySeconds 0, periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3).
 *
 * @param command the exec command (empty for tcpSocket/httpGet probes, which zksim treats as "port answers")
 */
public record Probe(List<String> command, int initialDelaySeconds, int periodSeconds, int timeoutSeconds,
                    int successThreshold, int failureThreshold) {
    public Probe {
        command = List.copyOf(command);
    }

    public static Probe withDefaults(List<String> command) {
        return new Probe(command, 0, 10, 1, 1, 3);
    }
}
