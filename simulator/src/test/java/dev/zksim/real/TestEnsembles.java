package dev.zksim.real;

import dev.zksim.model.k8s.ContainerLaunch;
import dev.zksim.model.manifest.AntiAffinity;
import dev.zksim.model.manifest.ContainerSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.IntOrPercent;
import dev.zksim.model.manifest.LabelSelector;
import dev.zksim.model.manifest.PdbSpec;
import dev.zksim.model.manifest.PodTemplate;
import dev.zksim.model.manifest.Probe;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.manifest.ServiceSpec;
import dev.zksim.model.manifest.SourceMap;
import dev.zksim.model.manifest.StatefulSetSpec;
import dev.zksim.model.manifest.VolumeClaimTemplate;
import dev.zksim.model.manifest.ZkConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kubernetes tutorial's manifest (seed 002: StatefulSet zk, Services zk-hs and zk-cs, PDB zk-pdb, start-zookeeper
 * with its defaults), built by hand until the manifest loader is merged; and launches as the kubelet would send them.
 */
final class TestEnsembles {
    private TestEnsembles() {}

    /** The tutorial's ensemble with {@code servers} replicas and {@code --servers}. */
    static EnsembleSpec tutorial(int servers) {
        ZkConfig zk = new ZkConfig(servers, "/var/lib/zookeeper/data", "/var/lib/zookeeper/data/log",
                "/var/log/zookeeper", "/opt/zookeeper/conf", 2181, 3888, 2888, 2000, 10, 5, "512M",
                512L << 20, 60, 3, 12, 4000, 40000, "INFO", List.of("servers"));
        Probe probe = new Probe(List.of("sh", "-c", "zookeeper-ready 2181"), 10, 10, 5, 1, 3);
        ContainerSpec container = new ContainerSpec("kubernetes-zookeeper",
                "registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10", List.of("sh", "-c", "start-zookeeper"),
                new Resources(500, 1L << 30), Optional.of(probe), Optional.of(probe),
                List.of(new ContainerSpec.Mount("datadir", "/var/lib/zookeeper")),
                List.of(new ContainerSpec.Port("client", 2181), new ContainerSpec.Port("server", 2888),
                        new ContainerSpec.Port("leader-election", 3888)), zk);
        PodTemplate template = new PodTemplate(new TreeMap<>(Map.of("app", "zk")), container,
                new Resources(500, 1L << 30), AntiAffinity.NONE, 30, 1000, 1000);
        StatefulSetSpec sts = new StatefulSetSpec("zk", "zk-hs", servers, LabelSelector.ofLabels(Map.of("app", "zk")),
                StatefulSetSpec.PodManagementPolicy.ORDERED_READY, StatefulSetSpec.UpdateStrategy.DEFAULT, 0, 10,
                StatefulSetSpec.PvcRetentionPolicy.RETAIN, template,
                List.of(new VolumeClaimTemplate("datadir", 10L << 30, List.of("ReadWriteOnce"), "")), 3);
        List<ServiceSpec> services = List.of(
                new ServiceSpec("zk-hs", true, Map.of("app", "zk"), List.of(new ServiceSpec.Port("server", 2888,
                        "2888"), new ServiceSpec.Port("leader-election", 3888, "3888")), false, 0),
                new ServiceSpec("zk-cs", false, Map.of("app", "zk"), List.of(new ServiceSpec.Port("client", 2181,
                        "2181")), false, 1));
        PdbSpec pdb = new PdbSpec("zk-pdb", LabelSelector.ofLabels(Map.of("app", "zk")), Optional.empty(),
                Optional.of(IntOrPercent.count(1)), "IfHealthyBudget", 2);
        return new EnsembleSpec(Path.of("zookeeper.yaml"), "default", sts, services, Optional.of(pdb),
                SourceMap.empty());
    }

    /**
     * The launch of pod {@code zk-<ordinal>}: its control-plane IP is {@code 10.244.<node>.<ordinal+2>} (a new node
     * means a new IP), its volume the PVC {@code datadir-zk-<ordinal>}.
     */
    static ContainerLaunch launch(EnsembleSpec spec, int ordinal, int node, int restartCount) {
        String pod = spec.podName(ordinal);
        return new ContainerLaunch(pod, ordinal, pod, spec.podFqdn(ordinal, "cluster.local"), "node-" + node,
                "10.244." + node + "." + (ordinal + 2), "pvc-datadir-zk-" + ordinal, spec.statefulSet().template(),
                spec, restartCount);
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
