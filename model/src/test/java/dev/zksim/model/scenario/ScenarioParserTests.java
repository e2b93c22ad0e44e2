package dev.zksim.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.k8s.KubectlDuration;
import dev.zksim.model.k8s.NodeSpec;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.scenario.parse.ScenarioParser;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ScenarioParserTests {

    static Path resource(String name) {
        try {
            return Path.of(
                    ScenarioParserTests.class.getResource("/scenarios/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void parsesEveryStepKind() {
        Path file = resource("valid/all-steps.yaml");
        Scenario s = ScenarioParser.parse(file);

        assertThat(s.name()).isEqualTo("all-steps");
        assertThat(s.description()).isEqualTo("Uses every step.");
        assertThat(s.manifest().asWritten()).isEqualTo("../../../../../k8s-manifests/zookeeper.yaml");
        assertThat(s.manifest().path())
                .isEqualTo(file.getParent().resolve(s.manifest().asWritten()).normalize());
        assertThat(s.namespace()).contains("kube-ops");
        assertThat(s.seed()).isEqualTo(OptionalLong.of(42));
        assertThat(s.cluster().nodes())
                .extracting(NodeSpec::name)
                .containsExactly("node-1", "node-2", "node-3", "node-4");
        assertThat(s.cluster().nodes().get(0).allocatable()).isEqualTo(new Resources(2000, 4L << 30));
        assertThat(s.cluster().nodes().get(0).reserved()).isEqualTo(new Resources(0, 100L << 20));
        assertThat(s.cluster().nodes().get(0).labels()).containsEntry("kubernetes.io/hostname", "node-1");
        assertThat(s.cluster().timings().containerCreateMs()).isEqualTo(19_000);
        assertThat(s.timing().ms(TimingKey.DRAIN_RETRY)).isEqualTo(OptionalLong.of(5_000));
        assertThat(s.steps()).hasSize(49);
        // every kind of step appears
        assertThat(s.steps().stream().map(Step::keyword).distinct())
                .containsExactlyInAnyOrder(
                        "apply",
                        "wait",
                        "expect-pod",
                        "expect-pvc",
                        "write",
                        "read",
                        "expect-value",
                        "delete-statefulset",
                        "delete-pod",
                        "delete-pvc",
                        "cordon",
                        "uncordon",
                        "drain",
                        "expect-drain",
                        "expect-node",
                        "fail-node",
                        "recover-node",
                        "patch",
                        "expect-rollout-order",
                        "expect-revisions",
                        "rollout-undo",
                        "scale",
                        "kill-process",
                        "fail-liveness",
                        "expect-ready",
                        "expect-event",
                        "expect-write-fails",
                        "expect-leader",
                        "expect-no-leader",
                        "exec",
                        "expect-lost-writes",
                        "expect-no-lost-writes");
    }

    @Test
    void stepsCarryTheirLineLabelAndArguments() {
        Path file = resource("valid/all-steps.yaml");
        List<Step> steps = ScenarioParser.parse(file).steps();

        assertThat(steps.get(0))
                .isEqualTo(new Step.Apply(new Step.Origin(14, Optional.of("applied")), Optional.empty()));
        assertThat(steps.get(1))
                .isEqualTo(new Step.WaitUntil(
                        new Step.Origin(16, Optional.of("started")), new Condition.AllReady(), 300_000));
        Step.ExpectPod pod = (Step.ExpectPod) steps.get(2);
        assertThat(pod.line()).isEqualTo(18);
        assertThat(pod.match().status()).contains("Running");
        assertThat(pod.match().restarts()).isEqualTo(OptionalInt.of(0));
        assertThat(steps.get(9))
                .isEqualTo(new Step.Apply(
                        Step.Origin.line(25),
                        Optional.of(new ManifestRef(
                                "other.yaml", file.getParent().resolve("other.yaml"), 25, "steps[9].apply"))));
        assertThat(steps.get(11)).isEqualTo(new Step.DeletePod(Step.Origin.line(27), "zk-1", true, OptionalLong.of(0)));
        assertThat(steps.get(12))
                .isEqualTo(new Step.DeletePod(Step.Origin.line(28), "zk-2", false, OptionalLong.of(10_000)));
        assertThat(steps.get(15))
                .isEqualTo(new Step.Uncordon(Step.Origin.line(31), new NodeRef.NodeOf("zk-0", Optional.of("started"))));
        assertThat(steps.get(16))
                .isEqualTo(new Step.Drain(
                        new Step.Origin(32, Optional.of("drain-zk2")),
                        new NodeRef.NodeOf("zk-2", Optional.empty()),
                        30_000));
        assertThat(steps.get(17))
                .isEqualTo(new Step.WaitUntil(
                        Step.Origin.line(34),
                        new Condition.DrainReached(Optional.of("drain-zk2"), Condition.DrainGoal.DONE),
                        60_000));
        Step.Patch patch = (Step.Patch) steps.get(22);
        assertThat(patch.patch().cpuMillis()).isEqualTo(OptionalLong.of(300));
        assertThat(patch.patch().memoryBytes()).isEqualTo(OptionalLong.of(2L << 30));
        assertThat(patch.patch().flags()).isEqualTo(Map.of("sync_limit", "10"));
        assertThat(patch.describe())
                .isEqualTo("patch cpu=0.3 memory=2Gi image=zk:2 --sync_limit=10 replicas=3 " + "partition=0");
        assertThat(steps.get(23))
                .isEqualTo(new Step.ExpectRolloutOrder(Step.Origin.line(40), List.of("zk-2", "zk-1", "zk-0")));
        assertThat(steps.get(26)).isEqualTo(new Step.RolloutUndo(Step.Origin.line(43), OptionalInt.of(1)));
        assertThat(steps.get(30)).isEqualTo(new Step.WaitFor(Step.Origin.line(47), 30_000));
        assertThat(steps.get(31)).isEqualTo(new Step.WaitFor(Step.Origin.line(48), 90_000));
        assertThat(((Step.WaitUntil) steps.get(34)).until().toString())
                .isEqualTo("{allOf: [leader-elected, writable, {not: {pvc: datadir-zk-0, bound: false}}]}");
        assertThat(((Step.WaitUntil) steps.get(34)).until().needsZooKeeper()).isTrue();
        assertThat(((Step.WaitUntil) steps.get(33)).until().needsZooKeeper()).isFalse();
        assertThat(((Step.WaitUntil) steps.get(36)).until())
                .isEqualTo(new Condition.AnyOf(
                        List.of(new Condition.NoLeader(), new Condition.Server("zk-1", Condition.ServerGoal.SERVING))));
        Step.ExpectWriteFails probe = (Step.ExpectWriteFails) steps.get(40);
        assertThat(probe.path()).isEqualTo("/zksim-probe-line-57");
        assertThat(probe.op()).isEqualTo(WriteOp.CREATE);
        assertThat(steps.get(43)).isEqualTo(new Step.ExpectNoLeader(Step.Origin.line(60)));
        assertThat(steps.get(44))
                .isEqualTo(new Step.Exec(Step.Origin.line(61), "zk-0", FourLetterWord.SRVR, Optional.of("Mode: ")));
    }

    @Test
    void nodesMayBeListedWithLabels() {
        Scenario s = ScenarioParser.parse(Path.of("inline.yaml"), """
                name: listed
                manifest: m.yaml
                cluster:
                  nodes:
                    - {name: a, cpu: 500m, memory: 6000Mi, labels: {topology.kubernetes.io/zone: z1}}
                    - {name: b, cpu: 4, memory: 7.5Gi, reserved: {cpu: 250m, memory: 3400Mi}}
                steps:
                  - wait: 1s
                """);
        assertThat(s.cluster().nodes().get(0))
                .isEqualTo(new NodeSpec(
                        "a",
                        new java.util.TreeMap<>(Map.of("topology.kubernetes.io/zone", "z1")),
                        new Resources(500, 6000L << 20),
                        Resources.NONE));
        assertThat(s.cluster().nodes().get(1).allocatable()).isEqualTo(new Resources(4000, (long) (7.5 * (1L << 30))));
        assertThat(s.cluster().nodes().get(1).reserved()).isEqualTo(new Resources(250, 3400L << 20));
        assertThat(s.seedOr(OptionalLong.empty())).isEqualTo(Scenario.DEFAULT_SEED);
        assertThat(s.seedOr(OptionalLong.of(9))).isEqualTo(9);
    }

    @Test
    void durationsReadAndPrintInScenarioSpelling() {
        assertThat(Durations.parseMs("500ms")).contains(500L);
        assertThat(Durations.parseMs("1m30s")).contains(90_000L);
        assertThat(Durations.parseMs("1.5s")).contains(1_500L);
        assertThat(Durations.parseMs("2h")).contains(7_200_000L);
        assertThat(Durations.parseMs("30")).isEmpty();
        assertThat(Durations.parseMs("s")).isEmpty();
        assertThat(Durations.parseMs("8d")).isEmpty();
        assertThat(Durations.format(90_000)).isEqualTo("1m30s");
        assertThat(Durations.format(1_500)).isEqualTo("1.500s");
        assertThat(Durations.format(0)).isEqualTo("0s");
        assertThat(KubectlDuration.human(40_000)).isEqualTo("40s");
        assertThat(KubectlDuration.human(150_000)).isEqualTo("2m30s");
        assertThat(KubectlDuration.human(11 * 60_000)).isEqualTo("11m");
        assertThat(KubectlDuration.human(5 * 3_600_000 + 60_000)).isEqualTo("5h1m");
        assertThat(KubectlDuration.human(3 * 86_400_000 + 3_600_000)).isEqualTo("3d1h");
        assertThat(KubectlDuration.human(-1)).isEqualTo("0s");
    }
}
