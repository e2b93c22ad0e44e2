package dev.zksim.runtime;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a {@link RealContainerRuntime} runs; immutable, changed with the {@code with*} methods.
 *
 * @param root where volumes, container filesystems and logs go; empty for a fresh temporary directory
 * @param keep keep the root (volumes, {@code zoo.cfg}s, logs) after close, for inspection
 * @param clusterDomain the kubelet's {@code --cluster-domain}; another live simulation in the JVM using it makes this
 *     one fall back to a domain of its own (see {@link JvmHostsFile#openZone})
 * @param probeTimeoutMs how long {@code ruok} may take before the probe counts as failed (Kubernetes' default
 *     timeoutSeconds is 1)
 * @param stopWaitMs how long {@code stop}/{@code kill} wait for the server to be down before returning
 * @param faultLayer whether the network-fault layer sits in front of every pod ({@code dev.zksim.runtime.net}); without
 *     it servers bind their pod IPs directly, network faults are refused and a node's power loss closes sockets like a
 *     kill (for measuring the layer's overhead)
 */
public record RuntimeOptions(
        Optional<Path> root,
        boolean keep,
        String clusterDomain,
        int probeTimeoutMs,
        long stopWaitMs,
        boolean faultLayer) {

    public RuntimeOptions {
        if (probeTimeoutMs <= 0 || stopWaitMs < 0) {
            throw new IllegalArgumentException("probeTimeoutMs must be positive and stopWaitMs not negative");
        }
    }

    /** A temporary root removed on close, {@code cluster.local}, 1 s probe timeout, 10 s stop wait. */
    public static RuntimeOptions defaults() {
        return new RuntimeOptions(Optional.empty(), false, "cluster.local", 1_000, 10_000, true);
    }

    public RuntimeOptions withRoot(Path dir) {
        return new RuntimeOptions(Optional.of(dir), keep, clusterDomain, probeTimeoutMs, stopWaitMs, faultLayer);
    }

    public RuntimeOptions withKeep(boolean keepAfterClose) {
        return new RuntimeOptions(root, keepAfterClose, clusterDomain, probeTimeoutMs, stopWaitMs, faultLayer);
    }

    public RuntimeOptions withClusterDomain(String domain) {
        return new RuntimeOptions(root, keep, domain, probeTimeoutMs, stopWaitMs, faultLayer);
    }

    public RuntimeOptions withFaultLayer(boolean on) {
        return new RuntimeOptions(root, keep, clusterDomain, probeTimeoutMs, stopWaitMs, on);
    }
}
