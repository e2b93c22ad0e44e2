package dev.zksim.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every manifest in k8s-manifests/ loads cleanly, with exact values and every Kubernetes default filled. */
class BundledManifestTests {
    static final Path DIR = Path.of("..", "k8s-manifests");

    static LoadedManifest load(String name) {
        return ManifestLoader.load(DIR.resolve(name));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "zookeeper.yaml",
                "zookeeper-5.yaml",
                "zookeeper-local.yaml",
                "zookeeper-parallel.yaml",
                "zookeeper-reconfig.yaml",
                "zookeeper-observers.yaml",
                "zookeeper-serving-probe.yaml"
            })
    void everyBundledManifestLoadsWithoutProblems(String file) {
        LoadedManifest m = load(file);
        assertThat(m.problems()).isEmpty();
        assertThat(ManifestLoader.loadStrict(DIR.resolve(file))).isEqualTo(m.spec());
        EnsembleSpec s = m.spec();
        assertThat(s.statefulSet().replicas())
                .isEqualTo(s.statefulSet().template().container().zk().servers());
        assertThat(s.governingService())
                .hasValueSatisfying(svc -> assertThat(svc.headless()).isTrue());
        // zk-0 at least: zookeeper-observers.yaml's budget picks pods by the controller's pod-index label
        assertThat(s.pdb()).hasValueSatisfying(p -> assertThat(p.selector().matches(s.podLabels(0)))
                .isTrue());
    }

    @Test
    void theDirectoryHoldsExactlyTheDocumentedManifests() throws Exception {
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".yaml"))
                            .sorted())
                    .containsExactly(
                            "zookeeper-5.yaml",
                            "zookeeper-local.yaml",
                            "zookeeper-observers.yaml",
                            "zookeeper-parallel.yaml",
                            "zookeeper-reconfig.yaml",
                            "zookeeper-serving-probe.yaml",
                            "zookeeper.yaml");
        }
    }

    /**
     * zookeeper-observers.yaml (issue #15): the reconfig manifest with five pods, --participants=3 and a budget over
     * the participants only (their pod-index), counted with an integer minAvailable.
     */
    @Test
    void theObserversManifestIsTheReconfigManifestWithThreeParticipantsAndTheirOwnBudget() {
        EnsembleSpec s = load("zookeeper-observers.yaml").spec();
        EnsembleSpec reconfig = load("zookeeper-reconfig.yaml").spec();
        List<String> command = s.statefulSet().template().container().command();
        assertThat(s.statefulSet().replicas()).isEqualTo(5);
        assertThat(ReconfigStartCommand.participants(command)).hasValue(3);
        assertThat(ReconfigStartCommand.role(command, 2)).isEqualTo("participant");
        assertThat(ReconfigStartCommand.role(command, 3)).isEqualTo("observer");
        // the same script and hook, word for word: one script to keep in step with the engines
        assertThat(command.get(2))
                .isEqualTo(
                        reconfig.statefulSet().template().container().command().get(2));
        assertThat(s.statefulSet().template().container().preStop())
                .isEqualTo(reconfig.statefulSet().template().container().preStop());
        PdbSpec pdb = s.pdb().orElseThrow();
        assertThat(pdb.minAvailable()).hasValue(IntOrPercent.count(2));
        assertThat(pdb.maxUnavailable()).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(pdb.selector().matches(s.podLabels(i))).as("zk-" + i).isEqualTo(i < 3);
        }
        // every pod healthy: 3 matched, 2 wanted, one eviction allowed (integer minAvailable: of the matched pods)
        assertThat(pdb.desiredHealthy(5, 3)).isEqualTo(2);
        assertThat(pdb.expectedPods(5, 3)).isEqualTo(3);
    }

    @Test
    void tutorialManifestHasExactValuesAndDefaults() {
        EnsembleSpec s = load("zookeeper.yaml").spec();
        assertThat(s.namespace()).isEqualTo("default");
        assertThat(s.source()).isEqualTo(DIR.resolve("zookeeper.yaml"));

        StatefulSetSpec sts = s.statefulSet();
        assertThat(sts.name()).isEqualTo("zk");
        assertThat(sts.serviceName()).isEqualTo("zk-hs");
        assertThat(sts.replicas()).isEqualTo(3);
        assertThat(sts.selector()).isEqualTo(LabelSelector.ofLabels(Map.of("app", "zk")));
        assertThat(sts.podManagementPolicy()).isEqualTo(StatefulSetSpec.PodManagementPolicy.ORDERED_READY);
        assertThat(sts.updateStrategy()).isEqualTo(StatefulSetSpec.UpdateStrategy.DEFAULT);
        assertThat(sts.minReadySeconds()).isZero();
        assertThat(sts.revisionHistoryLimit()).isEqualTo(10);
        assertThat(sts.pvcRetentionPolicy()).isEqualTo(StatefulSetSpec.PvcRetentionPolicy.RETAIN);
        assertThat(sts.documentIndex()).isEqualTo(3);
        assertThat(sts.volumeClaimTemplates())
                .containsExactly(new VolumeClaimTemplate("datadir", 10L << 30, List.of("ReadWriteOnce"), ""));

        PodTemplate t = sts.template();
        assertThat(t.labels()).containsExactly(Map.entry("app", "zk"));
        assertThat(t.resources()).isEqualTo(new Resources(500, 1L << 30));
        assertThat(t.terminationGracePeriodSeconds()).isEqualTo(30);
        assertThat(t.runAsUser()).isEqualTo(1000);
        assertThat(t.fsGroup()).isEqualTo(1000);
        assertThat(t.antiAffinity().preferred()).isEmpty();
        assertThat(t.antiAffinity().required())
                .containsExactly(new AntiAffinity.Term(
                        new LabelSelector(
                                new java.util.TreeMap<>(),
                                List.of(new LabelSelector.Requirement(
                                        "app", LabelSelector.Operator.IN, List.of("zk")))),
                        "kubernetes.io/hostname"));

        ContainerSpec c = t.container();
        assertThat(c.name()).isEqualTo("kubernetes-zookeeper");
        assertThat(c.image()).isEqualTo("registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10");
        assertThat(c.command()).hasSize(3).startsWith("sh", "-c");
        assertThat(c.command().get(2)).startsWith("start-zookeeper --servers=3 --data_dir=/var/lib/zookeeper/data ");
        assertThat(c.requests()).isEqualTo(new Resources(500, 1073741824L));
        Probe probe = new Probe(List.of("sh", "-c", "zookeeper-ready 2181"), 10, 10, 5, 1, 3);
        assertThat(c.readinessProbe()).contains(probe);
        assertThat(c.livenessProbe()).contains(probe);
        assertThat(c.volumeMounts()).containsExactly(new ContainerSpec.Mount("datadir", "/var/lib/zookeeper"));
        assertThat(c.ports())
                .containsExactly(
                        new ContainerSpec.ContainerPort("client", 2181),
                        new ContainerSpec.ContainerPort("server", 2888),
                        new ContainerSpec.ContainerPort("leader-election", 3888));

        // The lint and control-plane tests' fixture is this manifest, value for value.
        EnsembleSpec fixture = EnsembleFixture.tutorial().build();
        assertThat(c.zk())
                .usingRecursiveComparison()
                .ignoringFields("explicitFlags")
                .isEqualTo(fixture.statefulSet().template().container().zk());
        assertThat(c.zk().explicitFlags())
                .containsExactly(("servers data_dir data_log_dir conf_dir client_port election_port server_port"
                                + " tick_time init_limit sync_limit heap max_client_cnxns snap_retain_count"
                                + " purge_interval max_session_timeout min_session_timeout log_level")
                        .split(" "));
        assertThat(s.services()).isEqualTo(fixture.services());
        assertThat(s.pdb()).isEqualTo(fixture.pdb());
    }

    @Test
    void variantsDifferOnlyWhereDocumented() {
        EnsembleSpec base = load("zookeeper.yaml").spec();
        EnsembleSpec five = load("zookeeper-5.yaml").spec();
        assertThat(five.statefulSet().replicas()).isEqualTo(5);
        assertThat(five.statefulSet().template().container().zk().servers()).isEqualTo(5);
        assertThat(five.pdb().orElseThrow().maxUnavailable()).contains(IntOrPercent.count(1));

        EnsembleSpec parallel = load("zookeeper-parallel.yaml").spec();
        assertThat(parallel.statefulSet().podManagementPolicy())
                .isEqualTo(StatefulSetSpec.PodManagementPolicy.PARALLEL);
        assertThat(parallel.statefulSet().template())
                .isEqualTo(base.statefulSet().template());

        EnsembleSpec local = load("zookeeper-local.yaml").spec();
        PodTemplate lt = local.statefulSet().template();
        assertThat(lt.antiAffinity().required()).isEmpty();
        assertThat(lt.antiAffinity().preferred()).singleElement().satisfies(w -> {
            assertThat(w.weight()).isEqualTo(100);
            assertThat(w.term())
                    .isEqualTo(base.statefulSet()
                            .template()
                            .antiAffinity()
                            .required()
                            .get(0));
        });
        assertThat(lt.resources()).isEqualTo(new Resources(100, 256L << 20));
        assertThat(lt.container().zk().heapBytes())
                .isEqualTo(128L << 20)
                .isLessThan(lt.resources().memoryBytes());
        assertThat(local.statefulSet().volumeClaimTemplates().get(0).storageBytes())
                .isEqualTo(1L << 30);
    }

    @Test
    void theReconfigManifestRunsItsOwnStartScriptWithTheTutorialsFlags() {
        EnsembleSpec s = load("zookeeper-reconfig.yaml").spec();
        ContainerSpec c = s.statefulSet().template().container();
        assertThat(c.image()).isEqualTo("zookeeper:3.9.4");
        assertThat(ReconfigStartCommand.runs(c.command())).isTrue();
        assertThat(c.command().subList(0, 2)).containsExactly("bash", "-c");
        // the script: dynamic membership on the PVC, self-add once serving
        assertThat(c.command().get(2))
                .contains(
                        "reconfigEnabled=true",
                        "standaloneEnabled=false",
                        "dynamicConfigFile=$conf_dir/zoo.cfg.dynamic",
                        "reconfig -add \"$self\"",
                        "config 2>/dev/null | grep '^server\\.'");
        ZkConfig zk = c.zk();
        assertThat(zk.servers())
                .as("the member count it converges to: replicas")
                .isEqualTo(3);
        assertThat(zk.confDir()).isEqualTo("/var/lib/zookeeper/conf");
        assertThat(zk.heap()).isEqualTo("512M");
        assertThat(zk.purgeIntervalHours()).isEqualTo(12);
        assertThat(zk.explicitFlags()).doesNotContain("servers");
        assertThat(s.governingService()).hasValueSatisfying(svc -> assertThat(svc.publishNotReadyAddresses())
                .isTrue());
        // both engines run it, and zksim explore scales it by default (issue #15); a static ensemble it does not
        assertThat(dev.zksim.model.explore.ActionKind.defaultsFor(s))
                .contains(dev.zksim.model.explore.ActionKind.SCALE);
        assertThat(dev.zksim.model.explore.ActionKind.defaultsFor(
                        load("zookeeper.yaml").spec()))
                .doesNotContain(dev.zksim.model.explore.ActionKind.SCALE);
        // preStop leaves the ensemble (issue #15): the hook's exec command, as written
        assertThat(c.preStop()).hasValueSatisfying(h -> {
            assertThat(h.command().subList(0, 2)).containsExactly("bash", "-c");
            assertThat(h.command().get(2)).contains("reconfig -remove \"$myid\"");
        });
        assertThat(load("zookeeper.yaml")
                        .spec()
                        .statefulSet()
                        .template()
                        .container()
                        .preStop())
                .isEmpty();
    }
}
