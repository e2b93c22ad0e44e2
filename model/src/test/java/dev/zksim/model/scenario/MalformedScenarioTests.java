package dev.zksim.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zksim.model.InvalidInputException;
import dev.zksim.model.scenario.parse.ScenarioParser;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each malformed scenario is refused with the file, the line, the field and one paragraph that says what is wrong
 * and what would be valid.
 */
class MalformedScenarioTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-step.yaml          | 6  | steps[1]                   | unknown step 'drian' (did you mean 'drain'?). Valid steps: Kubernetes actions: apply,
            unknown-field.yaml         | 5  | steps[0].delete-pod.forse  | unknown field 'forse' in 'delete-pod' (did you mean 'force'?). Valid fields: pod, leader, follower, force, gracePeriod, wait.
            wrong-bool.yaml            | 7  | steps[0].delete-pod.force  | expected true or false; found 'yes please'.
            duration-without-unit.yaml | 5  | steps[0].wait              | the duration 30 has no unit; write it as 30s, 30ms or 30m
            bad-duration.yaml          | 5  | steps[0].wait.timeout      | '5 minutes' is not a duration
            condition-as-duration.yaml | 5  | steps[0].wait              | To wait for a condition write 'wait: {until: all-ready, timeout: 5m}'
            unknown-condition.yaml     | 6  | steps[0].wait.until        | unknown condition 'all-reddy' (did you mean 'all-ready'?). A condition is one of all-ready, no-pods
            two-steps-in-one.yaml      | 5  | steps[0]                   | found 'cordon' and 'uncordon'. Put each step in its own list item
            missing-manifest.yaml      | 1  | manifest                   | a scenario needs the field 'manifest'.
            unknown-top-field.yaml     | 4  | seeed                      | unknown field 'seeed' in a scenario (did you mean 'seed'?). Valid fields: name, description, manifest, namespace, cluster, seed, timing, steps.
            bad-cpu.yaml               | 6  | cluster.nodes[0].cpu       | 'two' is not a CPU quantity such as 0.5, 500m or 2
            bad-status.yaml            | 5  | steps[0].expect-pod.status | unknown status 'Runing' (did you mean 'Running'?); valid: Pending, ContainerCreating, Running,
            unknown-label.yaml         | 7  | steps[1].expect-pvc.sameVolumeAs | no earlier step is labelled 'before'. Label a step with 'label: NAME'
            forward-label.yaml         | 5  | steps[0].uncordon.at       | no earlier step is labelled 'later' (the step with that label comes later).
            duplicate-label.yaml       | 8  | steps[1].label             | the label 'x' is already used by step 1; labels must be unique.
            duplicate-key.yaml         | 8  | path                       | this key appears twice in the same mapping (first on line 6)
            not-yaml.yaml              | 5  |                            | this is not valid YAML
            bad-znode-path.yaml        | 5  | steps[0].write.path        | 'hello' is not a znode path: it starts with '/'
            unknown-4lw.yaml           | 5  | steps[0].exec.command      | unknown command 'dump'; valid four-letter words: srvr, ruok, stat, mntr, conf, envi
            write-without-value.yaml   | 5  | steps[0].write             | 'write' with op create needs a 'value'.
            steps-not-a-list.yaml      | 5  | steps                      | 'steps' must be a list of steps (each '- STEP: ARGUMENTS'); found a mapping.
            empty-patch.yaml           | 5  | steps[0].patch             | 'patch' needs at least one change: cpu, memory, image, flag, replicas or partition.
            force-with-grace.yaml      | 5  | steps[0].delete-pod.gracePeriod | 'force: true' deletes at once
            negative-scale.yaml        | 5  | steps[0].scale             | expected a whole number from 0 to 1000; found -1.
            drain-without-node.yaml    | 5  | steps[0].drain             | 'drain' needs one of the fields node, nodeOf.
            drain-two-nodes.yaml       | 5  | steps[0].drain.nodeOf      | 'drain' takes only one of node, nodeOf; found both 'node' and 'nodeOf'.
            empty.yaml                 | 1  |                            | the file is empty
            zero-nodes.yaml            | 3  | cluster.nodes.count        | expected a whole number from 1 to 250; found 0.
            missing-arguments.yaml     | 5  | steps[0].delete-pod        | 'delete-pod' needs arguments, e.g. delete-pod: zk-0, or {pod: zk-0, force: true}, or {leader: true}, or {follower: any}.
            unknown-server-mode.yaml   | 5  | steps[0].wait.until.mode   | unknown server mode 'folower' (did you mean 'follower'?); valid: leader, follower, observer, standalone, looking, down, serving
            ready-bool.yaml            | 5  | steps[0].wait.until.ready  | {ready: N} counts Ready pods; to wait for one pod write {pod: zk-1, ready: true}.
            tab-indentation.yaml       | 6  |                            | this is not valid YAML: found character '\\t(TAB)' that cannot start any token
            alias-without-anchor.yaml  | 5  |                            | the alias *victim refers to no anchor
            merge-key-not-mapping.yaml | 5  | <<                         | a merge key '<<' takes a mapping or a list of mappings
            control-character.yaml     | 5  | steps[0].delete-pod        | contains the control character U+0000 at position 4
            empty-rollout-order.yaml   | 5  | steps[0].expect-rollout-order | the rollout order is empty
            follower-unknown-pick.yaml | 5  | steps[0].kill-process.follower | unknown follower choice 'some'; valid: any
            leader-false.yaml          | 5  | steps[0].delete-pod.leader | 'leader: false' names no pod
            pod-and-leader.yaml        | 5  | steps[0].delete-pod.leader | takes only one of pod, leader, follower; found both 'pod' and 'leader'.
            elections-count-and-bound.yaml | 5 | steps[0].expect-elections | 'count' is exact; give either it or 'atLeast'/'atMost', not both.
            history-without-state.yaml | 5  | steps[0].expect-history    | 'expect-history' needs a state the pod went through
            outage-bounds-reversed.yaml | 5 | steps[0].expect-write-outage.atMost | 'atMost' is below 'atLeast'.
            no-pullable-images.yaml    | 3  | cluster.pullableImages     | the pullable image list is empty
            reconfig-nothing.yaml      | 5  | steps[0].reconfig          | a reconfig needs at least one pod in 'add', 'remove' or 'members'.
            reconfig-twice.yaml        | 5  | steps[0].reconfig.remove   | pod 'zk-3' is listed twice; a reconfig names each server once.
            reconfig-members-and-remove.yaml | 5 | steps[0].reconfig.members | 'members' is the whole new configuration (reconfig -members) and cannot be combined with 'add' or 'remove'; use one or the other.
            reconfig-members-twice.yaml | 5 | steps[0].expect-reconfig-fails.members | pod 'zk-0' is listed twice; a reconfig names each server once.
            reconfig-unknown-error.yaml | 5 | steps[0].expect-reconfig-fails.error | unknown reconfig error 'disabeld'; valid: disabled, in-progress, no-quorum, bad-arguments, unavailable.
            members-empty.yaml         | 5  | steps[0].expect-members    | a configuration has at least one member.
            members-twice.yaml         | 5  | steps[0].expect-members.members | a member is listed twice: [zk-0, zk-0].
            observers-twice.yaml       | 5  | steps[0].expect-members.observers | an observer is listed twice: [zk-3, zk-3].
            members-observer-voter.yaml | 5 | steps[0].expect-members.observers | 'zk-2' is listed as a member and as an observer
            """)
    void isRefusedWithFileLineFieldAndOneParagraph(String fixture, int line, String field, String problem) {
        Path file = ScenarioParserTests.resource("malformed/" + fixture);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> ScenarioParser.parse(file));

        assertThat(e).as("no exception for " + fixture).isNotNull();
        assertThat(e.file()).isEqualTo(file.toString());
        assertThat(e.line()).as("line").isEqualTo(line);
        assertThat(e.field() == null ? "" : e.field()).as("field").isEqualTo(field == null ? "" : field);
        assertThat(e.problem()).contains(problem).doesNotContain("\n");
        assertThat(e.getMessage()).startsWith(file + ":" + line + ": ");
    }

    /**
     * Anchors and aliases resolve as kubectl's YAML reader resolves them: {@code *victim} is the anchored value, not
     * the string "victim", and a merge key brings in the anchored mapping's fields (written keys win).
     */
    @org.junit.jupiter.api.Test
    void anchorsAliasesAndMergeKeysResolveLikeKubectl() {
        Scenario s = ScenarioParser.parse(ScenarioParserTests.resource("valid/anchors.yaml"));
        assertThat(s.steps().get(1))
                .isEqualTo(new Step.DeletePod(Step.Origin.line(6), "zk-0", false, java.util.OptionalLong.empty()));
        assertThat(s.steps().get(3))
                .isInstanceOf(Step.WaitUntil.class)
                .extracting(st -> ((Step.WaitUntil) st).timeoutMs())
                .isEqualTo(120_000L);
        assertThat(s.steps().get(5)).isInstanceOfSatisfying(Step.Write.class, w -> {
            assertThat(w.path()).isEqualTo("/b");
            assertThat(w.value()).isEqualTo("x");
            assertThat(w.via()).contains("zk-0");
        });
    }

    /** Roles, history and ZooKeeper-fact expectations parse into their steps. */
    @org.junit.jupiter.api.Test
    void rolesHistoryAndZooKeeperFactsParse() {
        Scenario s = ScenarioParser.parse(ScenarioParserTests.resource("valid/roles.yaml"));
        assertThat(s.cluster().images().canPull("registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10"))
                .isTrue();
        assertThat(s.cluster().images().canPull("registry.k8s.io/kubernetes-zookeeper:1.0-3.4.99"))
                .isFalse();
        assertThat(((Step.DeletePod) s.steps().get(0)).target()).isEqualTo(new PodRef.Leader());
        assertThat(((Step.DeletePod) s.steps().get(0)).force()).isTrue();
        assertThat(((Step.KillProcess) s.steps().get(1)).target()).isEqualTo(new PodRef.Follower(PodRef.Pick.ANY));
        assertThat(((Step.FailLiveness) s.steps().get(2)).target()).isEqualTo(new PodRef.Follower(PodRef.Pick.LAST));
        assertThat(((Step.Drain) s.steps().get(3)).node())
                .isEqualTo(new NodeRef.NodeOfRole(new PodRef.Leader(), java.util.Optional.empty()));
        assertThat(((Step.Uncordon) s.steps().get(4)).node())
                .isEqualTo(new NodeRef.NodeOfRole(new PodRef.Follower(PodRef.Pick.ANY), java.util.Optional.of("gone")));
        assertThat(s.steps().get(5))
                .isEqualTo(new Step.ExpectHistory(
                        Step.Origin.line(13),
                        "zk-1",
                        java.util.Optional.of("Error"),
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        java.util.Optional.of("gone")));
        assertThat(s.steps().get(6).describe()).isEqualTo("expect-elections count=1 since 'gone'");
        assertThat(s.steps().get(7).describe()).isEqualTo("expect-elections atLeast=1 atMost=3");
        assertThat(s.steps().get(8).describe()).isEqualTo("expect-write-outage atMost=2s since 'gone'");
        assertThat(s.steps().get(0).describe()).isEqualTo("delete-pod the leader --force --grace-period=0");
    }

    /** A manifest that does not exist names the scenario file, the line and field that name it, and where it resolved. */
    @org.junit.jupiter.api.Test
    void aMissingManifestNamesTheScenarioLineFieldAndResolvedPath() {
        Path file = ScenarioParserTests.resource("missing/apply-manifest.yaml");
        Scenario s = ScenarioParser.parse(file);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> {
            try (var engine = dev.zksim.model.scenario.cluster.ModelEngine.create(
                    new dev.zksim.model.scenario.engine.EngineSetup(s.cluster(), s.timing(), 1),
                    dev.zksim.model.scenario.cluster.ZooKeeperBackend.Factory.NONE)) {
                dev.zksim.model.scenario.run.ScenarioRunner.create(
                                engine, dev.zksim.model.scenario.run.RunObserver.NONE)
                        .run(s, 1);
            }
        });
        assertThat(e).isNotNull();
        assertThat(e.file()).isEqualTo(file.toString());
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.field()).isEqualTo("steps[1].apply");
        assertThat(e.problem())
                .contains("'no-such-manifest.yaml' does not exist")
                .contains(file.getParent()
                        .resolve("no-such-manifest.yaml")
                        .toAbsolutePath()
                        .normalize()
                        .toString())
                .doesNotContain("\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing file  | no such file.
            """)
    void aMissingFileIsBadInput(String what, String problem) {
        Path file = Path.of("does/not/exist.yaml");
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> ScenarioParser.parse(file));
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.file()).isEqualTo(file.toString());
    }
}
