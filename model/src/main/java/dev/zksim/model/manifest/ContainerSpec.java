package dev.zksim.model.manifest;

import java.util.List;
import java.util.Optional;

/**
 * The ZooKeeper container of the pod template.
 *
 * @param command the full command ({@code command} followed by {@code args})
 * @param zk the configuration {@code start-zookeeper} derives from {@code command}
 * @param preStop the container's {@code lifecycle.preStop} handler, if any
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> command,
        Resources requests,
        Optional<Probe> readinessProbe,
        Optional<Probe> livenessProbe,
        List<Mount> volumeMounts,
        List<ContainerPort> ports,
        ZkConfig zk,
        Optional<PreStopHook> preStop) {
    public ContainerSpec {
        command = List.copyOf(command);
        volumeMounts = List.copyOf(volumeMounts);
        ports = List.copyOf(ports);
    }

    /** The same container with other resource requests. */
    public ContainerSpec withRequests(Resources r) {
        return new ContainerSpec(
                name, image, command, r, readinessProbe, livenessProbe, volumeMounts, ports, zk, preStop);
    }

    /** The same container started another way: its image, its command and the configuration derived from it. */
    public ContainerSpec withStart(String newImage, List<String> newCommand, ZkConfig newZk) {
        return new ContainerSpec(
                name,
                newImage,
                newCommand,
                requests,
                readinessProbe,
                livenessProbe,
                volumeMounts,
                ports,
                newZk,
                preStop);
    }

    /** A volume mount. */
    public record Mount(String name, String mountPath) {}

    /** A declared container port. */
    public record ContainerPort(String name, int containerPort) {}
}
