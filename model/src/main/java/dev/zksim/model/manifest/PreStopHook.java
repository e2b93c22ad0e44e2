package dev.zksim.model.manifest;

import java.util.List;

/**
 * The ZooKeeper container's {@code lifecycle.preStop} handler, which the kubelet runs before it sends SIGTERM on a
 * graceful termination (kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks).
 *
 * @param command the {@code exec.command}; empty for the handlers zksim does not act out ({@code httpGet},
 *     {@code sleep}, {@code tcpSocket}), which every runtime treats as finished at once
 */
public record PreStopHook(List<String> command) {
    public PreStopHook {
        command = List.copyOf(command);
    }

    /** Whether the hook runs a command in the container ({@code exec}). */
    public boolean isExec() {
        return !command.isEmpty();
    }
}
