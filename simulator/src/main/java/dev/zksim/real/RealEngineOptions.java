package dev.zksim.real;

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
 * @param faultLayer whether the network-fault layer sits in front of every pod ({@code dev.zksim.real.net}); without
 *     it servers bind their pod IPs directly, network faults are refused and a node's power loss closes sockets like a
 *     kill (for measuring the layer's overhead)
 */
public record RealEngineOptions(Optional<Path> root, boolean keep, String clusterDomain, int probeTimeoutMs,
                                long stopWaitMs, boolean faultLayer) {

    public RealEngineOptions {
        if (probeTimeoutMs <= 0 || stopWaitMs < 0) {
            throw new IllegalArgumentException("probeTimeoutMs must be positive and stopWaitMs not negative");
        }
    }

    /** A temporary root removed on close, {@code cluster.local}, 1 s probe timeout, 10 s stop wait. */
    public static RealEngineOptions defaults() {
        return new RealEngineOptions(Optional.empty(), false, "cluster.local", 1_000, 10_000, true);
    }

    public RealEngineOptions withRoot(Path dir) {
        return new RealEngineOptions(Optional.of(dir), keep, clusterDomain, probeTimeoutMs, stopWaitMs, faultLayer);
    }

    public RealEngineOptions withKeep(boolean keepAfterClose) {
        return new RealEngineOptions(root, keepAfterClose, clusterDomain, probeTimeoutMs, stopWaitMs, faultLayer);
    }

    public RealEngineOptions withClusterDomain(String domain) {
        return new RealEngineOptions(root, keep, domain, probeTimeoutMs, stopWaitMs, faultLayer);
    }

    public RealEngineOptions withProbeTimeoutMs(int timeoutMs) {
        return new RealEngineOptions(root, keep, clusterDomain, timeoutMs, stopWaitMs, faultLayer);
    }

    public RealEngineOptions withFaultLayer(boolean on) {
        return new RealEngineOptions(root, keep, clusterDomain, probeTimeoutMs, stopWaitMs, on);
    }
}
