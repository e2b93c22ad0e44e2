package dev.zksim.model.lint;

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
import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import dev.zksim.model.manifest.StatefulSetSpec.UpdateStrategy;
import dev.zksim.model.manifest.VolumeClaimTemplate;
import dev.zksim.model.manifest.ZkConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Builds {@link EnsembleSpec}s for rule tests without YAML: {@link #tutorial()} is the Kubernetes tutorial's
 * ensemble (documents: zk-hs 0, zk-cs 1, zk-pdb 2, StatefulSet zk 3), which passes every rule; each setter breaks
 * one thing.
 */
final class EnsembleFixture {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;

    private int replicas = 3;
    private String serviceName = "zk-hs";
    private LabelSelector selector = LabelSelector.ofLabels(Map.of("app", "zk"));
    private Map<String, String> labels = Map.of("app", "zk");
    private PodManagementPolicy podManagementPolicy = PodManagementPolicy.ORDERED_READY;
    private UpdateStrategy updateStrategy = UpdateStrategy.DEFAULT;
    private AntiAffinity antiAffinity = new AntiAffinity(
            List.of(new AntiAffinity.Term(LabelSelector.ofLabels(Map.of("app", "zk")), "kubernetes.io/hostname")),
            List.of());
    private Resources requests = new Resources(500, GIB);
    private Optional<Probe> readiness = Optional.of(probe("zookeeper-ready 2181"));
    private Optional<Probe> liveness = Optional.of(probe("zookeeper-ready 2181"));
    private List<ContainerSpec.Mount> mounts = List.of(new ContainerSpec.Mount("datadir", "/var/lib/zookeeper"));
    private List<ContainerSpec.Port> containerPorts = List.of(new ContainerSpec.Port("client", 2181),
            new ContainerSpec.Port("server", 2888), new ContainerSpec.Port("leader-election", 3888));
    private List<VolumeClaimTemplate> claims = List.of(
            new VolumeClaimTemplate("datadir", 10 * GIB, List.of("ReadWriteOnce"), ""));
    private List<ServiceSpec> services = new ArrayList<>(List.of(
            new ServiceSpec("zk-hs", true, Map.of("app", "zk"), List.of(new ServiceSpec.Port("server", 2888, null),
                    new ServiceSpec.Port("leader-election", 3888, null)), false, 0),
            new ServiceSpec("zk-cs", false, Map.of("app", "zk"), List.of(new ServiceSpec.Port("client", 2181, null)),
                    false, 1)));
    private Optional<PdbSpec> pdb = Optional.of(new PdbSpec("zk-pdb", LabelSelector.ofLabels(Map.of("app", "zk")),
            Optional.empty(), Optional.of(IntOrPercent.count(1)), "IfHealthyBudget", 2));
    private SourceMap sourceMap = SourceMap.empty();

    // start-zookeeper flags, as the tutorial sets them
    private int servers = 3;
    private String dataDir = "/var/lib/zookeeper/data";
    private String dataLogDir = "/var/lib/zookeeper/data/log";
    private int clientPort = 2181;
    private int electionPort = 3888;
    private int serverPort = 2888;
    private int tickTimeMs = 2000;
    private int initLimit = 10;
    private int syncLimit = 5;
    private String heap = "512M";
    private long heapBytes = 512 * MIB;
    private int purgeIntervalHours = 12;
    private int minSessionTimeoutMs = 4000;
    private int maxSessionTimeoutMs = 40000;

    private EnsembleFixture() {}

    static EnsembleFixture tutorial() {
        return new EnsembleFixture();
    }

    static Probe probe(String script) {
        return new Probe(List.of("sh", "-c", script), 10, 10, 5, 1, 3);
    }

    /** The tutorial with replicas and --servers both {@code n}. */
    static EnsembleFixture ofSize(int n) {
        return tutorial().replicas(n).servers(n);
    }

    EnsembleFixture replicas(int v) { replicas = v; return this; }
    EnsembleFixture serviceName(String v) { serviceName = v; return this; }
    EnsembleFixture selector(LabelSelector v) { selector = v; return this; }
    EnsembleFixture labels(Map<String, String> v) { labels = v; return this; }
    EnsembleFixture podManagementPolicy(PodManagementPolicy v) { podManagementPolicy = v; return this; }
    EnsembleFixture updateStrategy(UpdateStrategy v) { updateStrategy = v; return this; }
    EnsembleFixture antiAffinity(AntiAffinity v) { antiAffinity = v; return this; }
    EnsembleFixture requests(Resources v) { requests = v; return this; }
    EnsembleFixture readiness(Optional<Probe> v) { readiness = v; return this; }
    EnsembleFixture liveness(Optional<Probe> v) { liveness = v; return this; }
    EnsembleFixture mounts(List<ContainerSpec.Mount> v) { mounts = v; return this; }
    EnsembleFixture claims(List<VolumeClaimTemplate> v) { claims = v; return this; }
    EnsembleFixture pdb(Optional<PdbSpec> v) { pdb = v; return this; }
    EnsembleFixture sourceMap(SourceMap v) { sourceMap = v; return this; }
    EnsembleFixture servers(int v) { servers = v; return this; }
    EnsembleFixture dataDir(String v) { dataDir = v; return this; }
    EnsembleFixture dataLogDir(String v) { dataLogDir = v; return this; }
    EnsembleFixture clientPort(int v) { clientPort = v; return this; }
    EnsembleFixture electionPort(int v) { electionPort = v; return this; }
    EnsembleFixture serverPort(int v) { serverPort = v; return this; }
    EnsembleFixture tickTimeMs(int v) { tickTimeMs = v; return this; }
    EnsembleFixture initLimit(int v) { initLimit = v; return this; }
    EnsembleFixture syncLimit(int v) { syncLimit = v; return this; }
    EnsembleFixture purgeIntervalHours(int v) { purgeIntervalHours = v; return this; }
    EnsembleFixture sessionTimeoutsMs(int min, int max) { minSessionTimeoutMs = min; maxSessionTimeoutMs = max; return this; }

    EnsembleFixture heap(String text, long bytes) {
        heap = text;
        heapBytes = bytes;
        return this;
    }

    /** Replaces the Service named {@code name} (or adds it when absent). */
    EnsembleFixture service(String name, UnaryOperator<ServiceSpec> change) {
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).name().equals(name)) {
                services.set(i, change.apply(services.get(i)));
                return this;
            }
        }
        services.add(change.apply(new ServiceSpec(name, false, Map.of("app", "zk"), List.of(), false,
                4 + services.size())));
        return this;
    }

    EnsembleFixture withoutService(String name) {
        services.removeIf(s -> s.name().equals(name));
        return this;
    }

    /** The PDB with {@code minAvailable} or {@code maxUnavailable} (exactly one may be null). */
    EnsembleFixture pdb(IntOrPercent minAvailable, IntOrPercent maxUnavailable) {
        pdb = Optional.of(new PdbSpec("zk-pdb", LabelSelector.ofLabels(Map.of("app", "zk")),
                Optional.ofNullable(minAvailable), Optional.ofNullable(maxUnavailable), "IfHealthyBudget", 2));
        return this;
    }

    ZkConfig zkConfig() {
        return new ZkConfig(servers, dataDir, dataLogDir, "/var/log/zookeeper", "/opt/zookeeper/conf", clientPort,
                electionPort, serverPort, tickTimeMs, initLimit, syncLimit, heap, heapBytes, 60, 3,
                purgeIntervalHours, minSessionTimeoutMs, maxSessionTimeoutMs, "INFO", List.of());
    }

    EnsembleSpec build() {
        ContainerSpec container = new ContainerSpec("kubernetes-zookeeper", "registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10",
                List.of("sh", "-c", "start-zookeeper --servers=" + servers), requests, readiness, liveness, mounts,
                containerPorts, zkConfig());
        PodTemplate template = new PodTemplate(new TreeMap<>(labels), container, requests, antiAffinity, 30, 1000, 1000);
        StatefulSetSpec sts = new StatefulSetSpec("zk", serviceName, replicas, selector, podManagementPolicy,
                updateStrategy, 0, 10, StatefulSetSpec.PvcRetentionPolicy.RETAIN, template, claims, 3);
        return new EnsembleSpec(Path.of("zookeeper.yaml"), "default", sts, services, pdb, sourceMap);
    }

    LintContext context() {
        return LintContext.of(build());
    }
}
