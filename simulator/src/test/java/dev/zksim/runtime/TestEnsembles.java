package dev.zksim.runtime;

import dev.zksim.cli.CliRun;
import dev.zksim.model.k8s.ContainerLaunch;
import dev.zksim.model.manifest.ContainerSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.manifest.PodTemplate;
import dev.zksim.model.manifest.StatefulSetSpec;
import dev.zksim.model.manifest.ZkConfig;
import java.util.TreeMap;

/**
 * The bundled manifests (k8s-manifests/zookeeper.yaml: the Kubernetes tutorial's StatefulSet zk, Services zk-hs and
 * zk-cs, PDB zk-pdb; zookeeper-5.yaml: the same with 5 servers) through the manifest loader, and launches as the
 * kubelet would send them.
 */
final class TestEnsembles {
    private TestEnsembles() {}

    /**
     * The tutorial's ensemble with {@code servers} replicas and {@code --servers}: the bundled file for 3 and 5, and
     * for any other size the 3-server file with both numbers changed (what editing the manifest would do).
     */
    static EnsembleSpec tutorial(int servers) {
        if (servers == 5) {
            return ManifestLoader.loadStrict(CliRun.manifest("zookeeper-5.yaml"));
        }
        EnsembleSpec three = ManifestLoader.loadStrict(CliRun.manifest("zookeeper.yaml"));
        return servers == 3 ? three : withServers(three, servers);
    }

    private static EnsembleSpec withServers(EnsembleSpec spec, int servers) {
        StatefulSetSpec s = spec.statefulSet();
        PodTemplate t = s.template();
        ContainerSpec c = t.container();
        ZkConfig z = c.zk();
        ZkConfig zk = new ZkConfig(
                servers,
                z.dataDir(),
                z.dataLogDir(),
                z.logDir(),
                z.confDir(),
                z.clientPort(),
                z.electionPort(),
                z.serverPort(),
                z.tickTimeMs(),
                z.initLimit(),
                z.syncLimit(),
                z.heap(),
                z.heapBytes(),
                z.maxClientCnxns(),
                z.snapRetainCount(),
                z.purgeIntervalHours(),
                z.minSessionTimeoutMs(),
                z.maxSessionTimeoutMs(),
                z.logLevel(),
                z.explicitFlags());
        return spec.withStatefulSet(
                s.withReplicas(servers).withTemplate(t.withContainer(c.withStart(c.image(), c.command(), zk))));
    }

    /**
     * The launch of pod {@code zk-<ordinal>}: its control-plane IP is {@code 10.244.<node>.<ordinal+2>} (a new node
     * means a new IP), its volume the PVC {@code datadir-zk-<ordinal>}.
     */
    static ContainerLaunch launch(EnsembleSpec spec, int ordinal, int node, int restartCount) {
        String pod = spec.podName(ordinal);
        return new ContainerLaunch(
                pod,
                ordinal,
                pod,
                spec.podFqdn(ordinal, "cluster.local"),
                "node-" + node,
                "10.244." + node + "." + (ordinal + 2),
                "pvc-datadir-zk-" + ordinal,
                spec.statefulSet().template(),
                spec,
                restartCount);
    }

    /** The control-plane IPs of pods {@code 0..n-1} on nodes {@code 0..n-1}, as the kubelet publishes them. */
    static TreeMap<String, String> ips(EnsembleSpec spec, int n) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.put(spec.podName(i), launch(spec, i, i, 0).podIp());
        }
        return m;
    }
}
