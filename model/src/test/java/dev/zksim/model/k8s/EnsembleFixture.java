package dev.zksim.model.k8s;

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
 * Builds {@link EnsembleSpec}s shaped like the tutorial's zookeeper.yaml (k8s-manifests/zookeeper.yaml) without the
 * manifest loader: 3 replicas, OrderedReady, RollingUpdate, required anti-affinity on kubernetes.io/hostname, requests
 * cpu 0.5 / memory 1Gi, readiness and liveness probes with initialDelaySeconds 10, PDB maxUnavailable 1.
 */
final class EnsembleFixture {
    static final long GI = 1L << 30;
    private static final LabelSelector APP_ZK = new LabelSelector(new TreeMap<>(),
            List.of(new LabelSelector.Requirement("app", LabelSelector.Operator.IN, List.of("zk"))));

    private int replicas = 3;
    private int servers = -1;
    private StatefulSetSpec.PodManagementPolicy policy = StatefulSetSpec.PodManagementPolicy.ORDERED_READY;
    private StatefulSetSpec.UpdateStrategy strategy = StatefulSetSpec.UpdateStrategy.DEFAULT;
    private AntiAffinity antiAffinity = new AntiAffinity(List.of(new AntiAffinity.Term(APP_ZK, NodeSpec.HOSTNAME_LABEL)),
            List.of());
    private Resources requests = new Resources(500, GI);
    private String image = "registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10";
    private Optional<PdbSpec> pdb = Optional.of(pdb(Optional.empty(), Optional.of(IntOrPercent.count(1)), "IfHealthyBudget"));
    private int minReadySeconds;
    private StatefulSetSpec.PvcRetentionPolicy retention = StatefulSetSpec.PvcRetentionPolicy.RETAIN;
    private int graceSeconds = 30;
    private boolean probes = true;
    private boolean publishNotReady;

    static EnsembleFixture tutorial() {
        return new EnsembleFixture();
    }

    private static PdbSpec pdb(Optional<IntOrPercent> min, Optional<IntOrPercent> max, String policy) {
        return new PdbSpec("zk-pdb", LabelSelector.ofLabels(Map.of("app", "zk")), min, max, policy, 2);
    }

    EnsembleFixture replicas(int n) {
        replicas = n;
        return this;
    }

    /** start-zookeeper's --servers (default: replicas). */
    EnsembleFixture servers(int n) {
        servers = n;
        return this;
    }

    EnsembleFixture parallel() {
        policy = StatefulSetSpec.PodManagementPolicy.PARALLEL;
        return this;
    }

    EnsembleFixture policy(StatefulSetSpec.PodManagementPolicy p) {
        policy = p;
        return this;
    }

    EnsembleFixture partition(int p) {
        strategy = new StatefulSetSpec.UpdateStrategy(StatefulSetSpec.UpdateStrategy.Type.ROLLING_UPDATE, p,
                strategy.maxUnavailable());
        return this;
    }

    EnsembleFixture maxUnavailable(int n) {
        strategy = new StatefulSetSpec.UpdateStrategy(strategy.type(), strategy.partition(), IntOrPercent.count(n));
        return this;
    }

    EnsembleFixture onDelete() {
        strategy = new StatefulSetSpec.UpdateStrategy(StatefulSetSpec.UpdateStrategy.Type.ON_DELETE, 0,
                IntOrPercent.count(1));
        return this;
    }

    EnsembleFixture preferredAntiAffinity() {
        antiAffinity = new AntiAffinity(List.of(),
                List.of(new AntiAffinity.WeightedTerm(100, new AntiAffinity.Term(APP_ZK, NodeSpec.HOSTNAME_LABEL))));
        return this;
    }

    EnsembleFixture noAntiAffinity() {
        antiAffinity = AntiAffinity.NONE;
        return this;
    }

    EnsembleFixture requests(long cpuMillis, long memoryBytes) {
        requests = new Resources(cpuMillis, memoryBytes);
        return this;
    }

    EnsembleFixture image(String i) {
        image = i;
        return this;
    }

    EnsembleFixture noPdb() {
        pdb = Optional.empty();
        return this;
    }

    EnsembleFixture pdbMinAvailable(IntOrPercent min) {
        pdb = Optional.of(pdb(Optional.of(min), Optional.empty(), "IfHealthyBudget"));
        return this;
    }

    EnsembleFixture pdbMaxUnavailable(IntOrPercent max) {
        pdb = Optional.of(pdb(Optional.empty(), Optional.of(max), "IfHealthyBudget"));
        return this;
    }

    EnsembleFixture unhealthyPodEvictionPolicy(String p) {
        pdb = pdb.map(b -> pdb(b.minAvailable(), b.maxUnavailable(), p));
        return this;
    }

    EnsembleFixture minReadySeconds(int s) {
        minReadySeconds = s;
        return this;
    }

    EnsembleFixture deletePvcsWithStatefulSet() {
        retention = new StatefulSetSpec.PvcRetentionPolicy(true, retention.deleteWhenScaled());
        return this;
    }

    EnsembleFixture deletePvcsOnScaleDown() {
        retention = new StatefulSetSpec.PvcRetentionPolicy(retention.deleteWhenDeleted(), true);
        return this;
    }

    EnsembleFixture graceSeconds(int s) {
        graceSeconds = s;
        return this;
    }

    EnsembleFixture noProbes() {
        probes = false;
        return this;
    }

    EnsembleFixture publishNotReadyAddresses() {
        publishNotReady = true;
        return this;
    }

    EnsembleSpec build() {
        int srv = servers > 0 ? servers : replicas;
        ZkConfig zk = new ZkConfig(srv, "/var/lib/zookeeper/data", "/var/lib/zookeeper/data/log",
                "/var/log/zookeeper", "/opt/zookeeper/conf", 2181, 3888, 2888, 2000, 10, 5, "512M", 512L << 20, 60, 3,
                12, 4000, 40000, "INFO", List.of("servers"));
        Optional<Probe> probe = probes
                ? Optional.of(new Probe(List.of("sh", "-c", "zookeeper-ready 2181"), 10, 10, 5, 1, 3))
                : Optional.empty();
        ContainerSpec c = new ContainerSpec("kubernetes-zookeeper", image,
                List.of("sh", "-c", "start-zookeeper --servers=" + srv), requests, probe, probe,
                List.of(new ContainerSpec.Mount("datadir", "/var/lib/zookeeper")),
                List.of(new ContainerSpec.Port("client", 2181), new ContainerSpec.Port("server", 2888),
                        new ContainerSpec.Port("leader-election", 3888)), zk);
        PodTemplate t = new PodTemplate(new TreeMap<>(Map.of("app", "zk")), c, requests, antiAffinity, graceSeconds,
                1000, 1000);
        StatefulSetSpec sts = new StatefulSetSpec("zk", "zk-hs", replicas, LabelSelector.ofLabels(Map.of("app", "zk")),
                policy, strategy, minReadySeconds, 10, retention, t,
                List.of(new VolumeClaimTemplate("datadir", 10 * GI, List.of("ReadWriteOnce"), "")), 3);
        List<ServiceSpec> services = List.of(
                new ServiceSpec("zk-hs", true, Map.of("app", "zk"),
                        List.of(new ServiceSpec.Port("server", 2888, "2888"),
                                new ServiceSpec.Port("leader-election", 3888, "3888")), publishNotReady, 0),
                new ServiceSpec("zk-cs", false, Map.of("app", "zk"),
                        List.of(new ServiceSpec.Port("client", 2181, "2181")), false, 1));
        return new EnsembleSpec(Path.of("zookeeper.yaml"), "default", sts, services, pdb, SourceMap.empty());
    }
}
