package dev.zksim.model.scenario.cluster;

import dev.zksim.model.k8s.ContainerRuntime;
import dev.zksim.model.k8s.KubernetesCluster;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.engine.ZooKeeperClient;
import dev.zksim.model.time.Scheduler;
import dev.zksim.model.time.Seeds;
import java.util.Optional;

/**
 * What runs the pods' containers under a {@link ClusterEngine}, and the ZooKeeper client port to it: the Zab model in
 * virtual time, real in-process servers in wall time, or nothing ({@link #none()}: containers are healthy from start
 * to stop, ZooKeeper steps are skipped).
 */
public interface ZooKeeperBackend extends AutoCloseable {

    /** The runtime the kubelet starts, stops and probes containers through. */
    ContainerRuntime runtime();

    /** Called once, when the cluster using {@link #runtime()} exists (a client resolves Services through it). */
    default void attach(KubernetesCluster cluster) {}

    /** The client port, when this backend runs ZooKeeper. */
    Optional<ZooKeeperClient> client();

    /** The server log lines written since the last call, in time order. */
    default java.util.List<dev.zksim.model.scenario.engine.ServerLog> drainLog() {
        return java.util.List.of();
    }

    /** Engine-specific facts about the last step for the JSON result; deterministic for virtual-time backends. */
    default java.util.SortedMap<String, String> factsAfterStep() {
        return java.util.Collections.emptySortedMap();
    }

    /**
     * Applies a network or process fault ({@link dev.zksim.model.scenario.NetworkFault}: a {@code Cut}, never a
     * {@code Partition}, {@code Isolate} or {@code PartitionNode}, which the engine resolves first); returns a note for
     * the output. Without ZooKeeper there is nothing to cut: the default says so.
     */
    default String networkFault(dev.zksim.model.scenario.NetworkFault fault) {
        return "no ZooKeeper backend: nothing to cut";
    }

    /** Releases what the backend holds (threads, sockets, directories); idempotent. */
    @Override
    default void close() {}

    /** Kubernetes only: containers are healthy from start until stopped, no ZooKeeper. */
    static ZooKeeperBackend none() {
        ContainerRuntime runtime = ContainerRuntime.alwaysHealthy();
        return new ZooKeeperBackend() {
            @Override
            public ContainerRuntime runtime() {
                return runtime;
            }

            @Override
            public Optional<ZooKeeperClient> client() {
                return Optional.empty();
            }
        };
    }

    /** Makes a backend for one engine. */
    @FunctionalInterface
    interface Factory {
        ZooKeeperBackend create(Scheduler scheduler, Seeds seeds, EngineSetup setup);

        /** {@link ZooKeeperBackend#none()} for every engine. */
        Factory NONE = (scheduler, seeds, setup) -> none();
    }
}
