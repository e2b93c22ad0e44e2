package dev.zksim.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every Kubernetes default is filled for a bare manifest, and every option is read when it is set. */
class ManifestDefaultsTests {
    static final Path DIR = MalformedManifestTests.DIR;

    @Test
    void minimalManifestGetsEveryDefault() {
        LoadedManifest m = ManifestLoader.load(DIR.resolve("minimal.yaml"));
        assertThat(m.problems()).isEmpty();
        EnsembleSpec s = m.spec();
        assertThat(s.namespace()).isEqualTo("infra");
        assertThat(s.services()).isEmpty();
        assertThat(s.pdb()).isEmpty();
        assertThat(s.governingService()).isEmpty();
        StatefulSetSpec sts = s.statefulSet();
        assertThat(sts.serviceName()).isEmpty();
        assertThat(sts.replicas()).isEqualTo(1);
        assertThat(sts.podManagementPolicy()).isEqualTo(StatefulSetSpec.PodManagementPolicy.ORDERED_READY);
        assertThat(sts.updateStrategy())
                .isEqualTo(new StatefulSetSpec.UpdateStrategy(
                        StatefulSetSpec.UpdateStrategy.Type.ROLLING_UPDATE, 0, IntOrPercent.count(1)));
        assertThat(sts.minReadySeconds()).isZero();
        assertThat(sts.revisionHistoryLimit()).isEqualTo(10);
        assertThat(sts.pvcRetentionPolicy()).isEqualTo(new StatefulSetSpec.PvcRetentionPolicy(false, false));
        assertThat(sts.volumeClaimTemplates()).isEmpty();
        PodTemplate t = sts.template();
        assertThat(t.terminationGracePeriodSeconds()).isEqualTo(30);
        assertThat(t.runAsUser()).isEqualTo(-1);
        assertThat(t.fsGroup()).isEqualTo(-1);
        assertThat(t.antiAffinity()).isEqualTo(AntiAffinity.NONE);
        ContainerSpec c = t.container();
        // Only limits given: requests default to the limits.
        assertThat(c.requests()).isEqualTo(new Resources(2000, 2L << 30));
        assertThat(c.readinessProbe()).contains(Probe.withDefaults(List.of()));
        assertThat(c.livenessProbe()).isEmpty();
        assertThat(c.zk()).isEqualTo(StartZookeeperCommand.defaults());
        // No serviceName: no subdomain, so hostname -f is the bare hostname; one server: no myid file.
        PodIdentity zoo0 = PodIdentity.forPod(s, "zoo-0", "cluster.local");
        assertThat(zoo0.fqdn()).isEqualTo("zoo-0");
        assertThat(zoo0.myidFileWritten()).isFalse();
        assertThat(ZooCfg.generate(s, "cluster.local").servers()).isEmpty();
    }

    @Test
    void everyOptionIsRead() {
        LoadedManifest m = ManifestLoader.load(DIR.resolve("full-options.yaml"));
        assertThat(m.problems()).isEmpty();
        EnsembleSpec s = m.spec();
        assertThat(s.namespace()).isEqualTo("zk");
        StatefulSetSpec sts = s.statefulSet();
        assertThat(sts.replicas()).isEqualTo(5);
        assertThat(sts.podManagementPolicy()).isEqualTo(StatefulSetSpec.PodManagementPolicy.PARALLEL);
        assertThat(sts.updateStrategy())
                .isEqualTo(new StatefulSetSpec.UpdateStrategy(
                        StatefulSetSpec.UpdateStrategy.Type.ROLLING_UPDATE, 2, IntOrPercent.percentOf(40)));
        assertThat(sts.minReadySeconds()).isEqualTo(7);
        assertThat(sts.revisionHistoryLimit()).isEqualTo(2);
        assertThat(sts.pvcRetentionPolicy()).isEqualTo(new StatefulSetSpec.PvcRetentionPolicy(true, false));
        assertThat(sts.volumeClaimTemplates())
                .containsExactly(new VolumeClaimTemplate(
                        "data", 1610612736L, List.of("ReadWriteOnce", "ReadOnlyMany"), "fast-ssd"));

        PodTemplate t = sts.template();
        assertThat(t.labels()).containsExactly(Map.entry("app", "zk"), Map.entry("tier", "coordination"));
        assertThat(t.terminationGracePeriodSeconds()).isEqualTo(120);
        assertThat(t.runAsUser()).isEqualTo(2000); // the container's securityContext wins
        assertThat(t.fsGroup()).isEqualTo(3000);
        // max(sidecar + zookeeper = 1750m / 4Gi+128Mi, init container = 3 CPUs / 64Mi)
        assertThat(t.resources()).isEqualTo(new Resources(3000, (4L << 30) + (128L << 20)));
        assertThat(t.antiAffinity().required())
                .containsExactly(
                        new AntiAffinity.Term(LabelSelector.ofLabels(Map.of("app", "zk")), "kubernetes.io/hostname"));
        assertThat(t.antiAffinity().preferred())
                .containsExactly(new AntiAffinity.WeightedTerm(
                        50, new AntiAffinity.Term(LabelSelector.NOTHING, "topology.kubernetes.io/zone")));
        assertThat(LabelSelector.NOTHING.matches(Map.of())).isFalse();
        assertThat(LabelSelector.NOTHING.matches(Map.of("app", "zk"))).isFalse();

        ContainerSpec c = t.container();
        assertThat(c.name()).isEqualTo("zookeeper"); // the second container: the one that runs start-zookeeper
        assertThat(c.command())
                .containsExactly(
                        "bash",
                        "-c",
                        "exec start-zookeeper --servers=5 --tick_time=1000 --heap=3g --data_dir=/data/zk --data_log_dir=/data/zk/log");
        assertThat(c.requests()).isEqualTo(new Resources(1500, 4L << 30));
        assertThat(c.readinessProbe()).isEmpty();
        assertThat(c.livenessProbe()).contains(new Probe(List.of("zookeeper-ready", "2181"), 20, 10, 3, 1, 6));
        assertThat(c.zk().servers()).isEqualTo(5);
        assertThat(c.zk().heapBytes()).isEqualTo(3L << 30);
        assertThat(c.zk().minSessionTimeoutMs()).isEqualTo(2000);
        assertThat(c.zk().maxSessionTimeoutMs()).isEqualTo(20000);

        assertThat(s.services())
                .containsExactly(new ServiceSpec(
                        "zk-hs",
                        true,
                        Map.of("app", "zk"),
                        List.of(
                                new ServiceSpec.ServicePort("server", 2888, "server"),
                                new ServiceSpec.ServicePort("leader-election", 3888, "13888")),
                        true,
                        2));
        // The PDB that selects the StatefulSet's pods, not the first one declared.
        assertThat(s.pdb())
                .contains(new PdbSpec(
                        "zk-pdb",
                        new LabelSelector(
                                new TreeMap<>(),
                                List.of(new LabelSelector.Requirement(
                                        "app", LabelSelector.Operator.IN, List.of("zk")))),
                        Optional.of(IntOrPercent.percentOf(60)),
                        Optional.empty(),
                        "AlwaysAllow",
                        1));
    }

    @Test
    void anchorsAliasesAndMergeKeysAreExpandedLikeKubectlDoes() {
        LoadedManifest m = ManifestLoader.load(DIR.resolve("anchors-and-merge-keys.yaml"));
        assertThat(m.problems()).isEmpty();
        assertThat(m.spec().statefulSet().template().labels()).containsExactly(Map.entry("app", "zk"));
        ServiceSpec extra = m.spec().services().get(2);
        assertThat(extra.name()).isEqualTo("zk-extra");
        // The mapping's own key wins over the merged one.
        assertThat(extra.selector()).isEqualTo(Map.of("app", "zk", "tier", "coordination"));
        assertThat(m.spec().sourceMap().line(4, "/spec/selector/app")).hasValue(144);
        assertThat(m.spec().sourceMap().exactLine(4, "/spec/selector/<<")).isEmpty();
    }
}
