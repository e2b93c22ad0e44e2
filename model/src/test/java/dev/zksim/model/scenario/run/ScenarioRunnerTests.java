package dev.zksim.model.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.parse.ScenarioParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's verdict logic, wait bounds and skipping, against {@link FakeEngine}. */
class ScenarioRunnerTests {

    /** Header lines 1-4; the first step is on line 5. */
    static Scenario scenario(String steps) {
        return ScenarioParser.parse(Path.of("runner-test.yaml"), """
                name: runner-test
                manifest: ../k8s-manifests/zookeeper.yaml
                cluster: {nodes: {count: 4, cpu: 2, memory: 4Gi}}
                steps:
                """ + steps.indent(2));
    }

    record Run(RunResult result, String text) {
        StepResult step(int number) {
            return result.steps().get(number - 1);
        }
    }

    static Run run(FakeEngine engine, String steps) {
        StringWriter text = new StringWriter();
        RunResult r = ScenarioRunner.create(engine, new TextReport(new PrintWriter(text)))
                .run(scenario(steps), 7);
        return new Run(r, text.toString());
    }

    @Test
    void expectationsHoldOrFailWithExpectedActualAndLine() {
        FakeEngine engine = new FakeEngine(4);
        Run run = run(engine, """
                - apply
                - wait: 10s
                - expect-pod: {pod: zk-0, status: Running, ready: true, node: node-1}
                - expect-pod: {pod: zk-1, status: Pending}
                - expect-ready: 3
                - expect-pod: {pod: zk-7, exists: false}
                """);

        assertThat(run.step(1).verdict()).isEqualTo(Verdict.DONE);
        assertThat(run.step(3).verdict()).isEqualTo(Verdict.HELD);
        StepResult failed = run.step(4);
        assertThat(failed.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(failed.step().line()).isEqualTo(8);
        assertThat(failed.expected()).contains("zk-1 status=Pending");
        assertThat(failed.actual())
                .contains("zk-1 1/1 Running, phase Running, 0 restarts, node node-2 " + "(status Running)");
        assertThat(run.step(5).verdict()).isEqualTo(Verdict.HELD);
        assertThat(run.step(6).verdict()).isEqualTo(Verdict.HELD);
        assertThat(run.result().passed()).isFalse();
        assertThat(run.result().failures()).containsExactly(failed);
        assertThat(run.text())
                .contains(
                        "[    10.000s] FAIL step 4, line 8: expect-pod zk-1 status=Pending\n"
                                + "             expected: zk-1 status=Pending\n"
                                + "             actual:   zk-1 1/1 Running, phase Running, 0 restarts, node node-2 (status Running)\n");
        assertThat(run.text())
                .contains("result    FAILED\n          step 4 (runner-test.yaml:8) expect-pod zk-1 "
                        + "status=Pending\n");
    }

    @Test
    void aRefusedActionFailsTheStepAndTheRunGoesOn() {
        FakeEngine engine = new FakeEngine(4);
        Run run = run(engine, """
                - apply
                - delete-pod: zk-9
                - cordon: node-2
                """);
        assertThat(run.step(2).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(run.step(2).expected()).isEmpty();
        assertThat(run.step(2).actual()).contains("Error from server (NotFound): pods \"zk-9\" not found");
        assertThat(run.step(3).verdict()).isEqualTo(Verdict.DONE);
        assertThat(engine.calls).containsExactly("apply zk cpu=500m replicas=3", "cordon node-2");
        assertThat(run.text())
                .contains("FAIL step 2, line 6: delete-pod zk-9\n             error:    Error from "
                        + "server (NotFound): pods \"zk-9\" not found\n");
    }

    @Test
    void aWaitUntilStopsWhenTheConditionHoldsAndNotLater() {
        FakeEngine engine = new FakeEngine(4);
        Run run = run(engine, """
                - apply
                - wait: {until: all-ready, timeout: 5m}
                - expect-ready: 3
                """);
        assertThat(run.step(2).verdict()).isEqualTo(Verdict.HELD);
        assertThat(run.step(2).endMs()).isEqualTo(FakeEngine.READY_AFTER_MS);
        assertThat(run.step(2).output()).containsExactly("held after 10s");
        assertThat(run.result().passed()).isTrue();
    }

    @Test
    void aWaitUntilThatTimesOutIsAFailedExpectationAndTimeStopsAtTheBound() {
        FakeEngine engine = new FakeEngine(4);
        Run run = run(engine, """
                - apply
                - wait: {until: {pod: zk-1, status: CrashLoopBackOff}, timeout: 45s}
                - wait: {until: no-pods, timeout: 1500ms}
                """);
        StepResult timedOut = run.step(2);
        assertThat(timedOut.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(timedOut.startMs()).isZero();
        assertThat(timedOut.endMs()).isEqualTo(45_000);
        assertThat(timedOut.expected()).contains("zk-1 status=CrashLoopBackOff within 45s");
        assertThat(timedOut.actual())
                .contains("zk-1 1/1 Running, phase Running, 0 restarts, node node-2 " + "(status Running)");
        assertThat(run.step(3).endMs()).isEqualTo(46_500);
        assertThat(run.step(3).verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void aWaitForADurationAdvancesExactly() {
        FakeEngine engine = new FakeEngine(1);
        Run run = run(engine, """
                - wait: 1m30s
                - wait: {duration: 500ms}
                """);
        assertThat(run.step(1).endMs()).isEqualTo(90_000);
        assertThat(run.step(2).endMs()).isEqualTo(90_500);
        assertThat(run.result().endMs()).isEqualTo(90_500);
    }

    static final String ZOOKEEPER_STEPS = """
            - apply
            - wait: {until: all-ready}
            - wait: {until: leader-elected}
            - write: {path: /hello, value: world, via: zk-0}
            - read: {pod: zk-1, path: /hello}
            - expect-value: {pod: zk-1, path: /hello, value: world}
            - expect-leader: zk-2
            - exec: {pod: zk-0, command: srvr}
            - expect-no-lost-writes
            """;

    @Test
    void zooKeeperStepsAreSkippedNotPassedWithoutABackend() {
        FakeEngine engine = new FakeEngine(4);
        Run run = run(engine, ZOOKEEPER_STEPS);

        assertThat(run.result().steps().subList(2, 9)).allSatisfy(s -> {
            assertThat(s.verdict()).isEqualTo(Verdict.SKIPPED);
            assertThat(s.actual()).contains("engine has no ZooKeeper backend");
        });
        assertThat(run.step(3).endMs()).isEqualTo(run.step(2).endMs()); // a skipped wait lets no time pass
        assertThat(run.result().count(Verdict.HELD)).isEqualTo(1);
        assertThat(run.result().passed()).isTrue();
        assertThat(run.text())
                .contains("SKIP step 4, line 8: write create /hello world via zk-0 (engine has no "
                        + "ZooKeeper backend)");
        assertThat(run.text())
                .contains("summary   9 steps in 10s of fake time: 1 held, 0 failed, 7 skipped, "
                        + "1 done\n          skipped steps were not checked: engine has no ZooKeeper backend\n"
                        + "result    PASSED\n");
    }

    @Test
    void zooKeeperStepsRunThroughTheClientPort() {
        FakeEngine engine = new FakeEngine(4).withZooKeeper();
        Run run = run(engine, ZOOKEEPER_STEPS + """
                - delete-statefulset
                - expect-write-fails: {via: zk-cs, path: /hello, value: gone, op: set, timeout: 2s}
                - expect-no-leader
                """);

        assertThat(run.result().steps())
                .extracting(StepResult::verdict)
                .containsExactly(
                        Verdict.DONE,
                        Verdict.HELD,
                        Verdict.HELD,
                        Verdict.DONE,
                        Verdict.DONE,
                        Verdict.HELD,
                        Verdict.HELD,
                        Verdict.DONE,
                        Verdict.HELD,
                        Verdict.DONE,
                        Verdict.HELD,
                        Verdict.HELD);
        assertThat(run.step(4).output()).containsExactly("Created /hello (zxid 0x100000002, served by zk-0)");
        assertThat(run.step(4).endMs() - run.step(4).startMs()).isEqualTo(5);
        assertThat(run.step(5).output()).containsExactly("/hello on zk-1: world (mZxid 0x100000002)");
        assertThat(run.step(8).output()).containsExactly("Zookeeper version: 3.9.4", "Mode: follower");
        assertThat(run.step(7).leaderAfter()).contains("zk-2");
        assertThat(run.step(7).writableAfter()).contains(true);
        StepResult fails = run.step(11);
        assertThat(fails.expected()).contains("set /hello via service/zk-cs not acknowledged (ensemble unavailable)");
        assertThat(fails.actual()).contains("KeeperErrorCode = ConnectionLoss for /hello");
        assertThat(fails.endMs() - fails.startMs()).isEqualTo(2_000);
        assertThat(run.step(12).writableAfter()).contains(false);
    }

    /**
     * A refused reconfig holds for the error ZooKeeper gave and for no other; an unrefused expectation fails; a pod
     * outside the StatefulSet is refused before anything is sent (no server line can name it).
     */
    @Test
    void reconfigStepsCheckZooKeepersErrorAndTheStatefulSetsPods() {
        FakeEngine engine = new FakeEngine(4).withZooKeeper();
        Run run = run(engine, """
                - apply
                - wait: {until: all-ready}
                - expect-reconfig-fails: {add: [zk-3], error: disabled}
                - expect-reconfig-fails: {add: [zk-3], remove: [zk-0], error: no-quorum}
                - expect-reconfig-fails: {remove: [zk-1]}
                - reconfig: {add: [zk-3]}
                - expect-reconfig-fails: {add: [web-1]}
                """);

        assertThat(run.result().steps())
                .extracting(StepResult::verdict)
                .containsExactly(
                        Verdict.DONE,
                        Verdict.HELD,
                        Verdict.HELD,
                        Verdict.FAILED,
                        Verdict.HELD,
                        Verdict.FAILED,
                        Verdict.FAILED);
        assertThat(run.step(4).actual().orElseThrow()).contains("refused: KeeperErrorCode = Reconfig is disabled");
        assertThat(run.step(6).actual().orElseThrow())
                .contains("not committed: KeeperErrorCode = Reconfig is disabled");
        assertThat(run.step(7).actual().orElseThrow()).contains("'web-1' is not a pod of StatefulSet zk");
        assertThat(run.step(7).endMs())
                .as("nothing was sent")
                .isEqualTo(run.step(6).endMs());
    }

    @Test
    void aWriteThatZooKeeperRejectsDoesNotCountAsUnavailable() {
        FakeEngine engine = new FakeEngine(4).withZooKeeper();
        Run run = run(engine, """
                - apply
                - wait: {until: all-ready}
                - write: {path: /a, value: x, via: zk-0}
                - expect-write-fails: {via: zk-0, path: /a, value: y}
                - write: {path: /a, value: z, via: zk-1}
                """);
        assertThat(run.step(4).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(run.step(4).actual())
                .contains("ZooKeeper answered, so the ensemble was available: Node already " + "exists: /a");
        assertThat(run.step(5).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(run.step(5).actual()).contains("not acknowledged: Node already exists: /a");
    }

    @Test
    void labelsRememberTheClusterAsAStepLeftIt() {
        FakeEngine engine = new FakeEngine(4);
        Run run = run(engine, """
                - apply
                - wait: {until: all-ready}
                  label: started
                - drain: {nodeOf: zk-0, timeout: 30s}
                  label: first-drain
                - expect-drain: {refusedByPdb: true, done: false}
                - wait: {until: {drain: done, step: first-drain}, timeout: 1m}
                - expect-drain: {drain: first-drain, refusedByPdb: true, succeeded: false, done: true}
                - expect-node: {nodeOf: zk-0, at: started, cordoned: true}
                - uncordon: {nodeOf: zk-0, at: started}
                - expect-node: {node: node-1, cordoned: false}
                - expect-pvc: {pvc: datadir-zk-0, bound: true, sameVolumeAs: initial}
                - expect-pvc: {pvc: datadir-zk-0, sameVolumeAs: started}
                """);
        assertThat(run.result().failures()).isEmpty();
        assertThat(engine.calls)
                .containsExactly("apply zk cpu=500m replicas=3", "drain node-1 30000", "uncordon node-1");
        assertThat(run.step(3).output()).containsExactly("node node-1");
        assertThat(run.step(5).endMs()).isEqualTo(40_000);
    }

    @Test
    void aNodeOfAPodThatIsNotBoundFailsTheAction() {
        FakeEngine engine = new FakeEngine(4);
        Run run = run(engine, """
                - cordon: {nodeOf: zk-0}
                """);
        assertThat(run.step(1).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(run.step(1).actual()).contains("cannot tell which node is meant: pod zk-0 did not exist");
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void anExpectationOnTheNodeOfAMissingPodFailsSayingWhy() {
        FakeEngine engine = new FakeEngine(4);
        Run run = run(engine, """
                - expect-node: {nodeOf: zk-7, cordoned: false}
                """);
        assertThat(run.step(1).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(run.step(1).actual()).contains("pod zk-7 did not exist");
    }

    @Test
    void aPatchMakesANewRevisionAndTheRolloutOrderIsRecorded() {
        FakeEngine engine = new FakeEngine(4);
        Run run = run(engine, """
                - apply
                - wait: {until: all-ready}
                - patch: {cpu: "0.3", flag: {sync_limit: 10}}
                - wait: {until: rollout-complete, timeout: 2m}
                - expect-rollout-order: [zk-2, zk-1, zk-0]
                - expect-revisions: 2
                - expect-rollout-order: [zk-0, zk-1, zk-2]
                """);
        assertThat(engine.calls).containsExactly("apply zk cpu=500m replicas=3", "apply zk cpu=300m replicas=3");
        var patched = engine.applied.orElseThrow().statefulSet().template().container();
        assertThat(patched.requests().cpuMillis()).isEqualTo(300);
        assertThat(patched.zk().syncLimit()).isEqualTo(10);
        assertThat(String.join(" ", patched.command()))
                .contains("--sync_limit=10")
                .doesNotContain("--sync_limit=5");
        assertThat(run.result().steps())
                .extracting(StepResult::verdict)
                .containsExactly(
                        Verdict.DONE,
                        Verdict.HELD,
                        Verdict.DONE,
                        Verdict.HELD,
                        Verdict.HELD,
                        Verdict.HELD,
                        Verdict.FAILED);
        assertThat(run.step(7).actual().orElseThrow()).contains("order [zk-2, zk-1, zk-0]");
    }

    @Test
    void eventsAndTheirMessagesCanBeExpected() {
        FakeEngine engine = new FakeEngine(4);
        Run run = run(engine, """
                - apply:
                  label: applied
                - expect-event: {reason: SuccessfulCreate, object: statefulset/zk, messageContains: "POD ZK-2"}
                - expect-event: {reason: FailedScheduling}
                - wait: {until: {event: SuccessfulCreate}, timeout: 1s}
                """);
        assertThat(run.result().steps())
                .extracting(StepResult::verdict)
                .containsExactly(Verdict.DONE, Verdict.HELD, Verdict.FAILED, Verdict.FAILED);
        assertThat(run.step(3).actual()).contains("no FailedScheduling event (3 events in range)");
        assertThat(run.step(4).actual().orElseThrow()).contains("no SuccessfulCreate event (0 events in range)");
    }

    @Test
    void theTextReportReadsLikeKubectlGetPodsWatch() {
        FakeEngine engine = new FakeEngine(4);
        Run run = run(engine, """
                - apply
                - wait: 12s
                """);
        assertThat(run.text()).isEqualTo("""
                scenario  runner-test (runner-test.yaml)
                manifest  ../k8s-manifests/zookeeper.yaml
                cluster   4 nodes (node-1, node-2, node-3, node-4), each 2 CPU, 4Gi allocatable
                engine    fake, seed 7

                             NAME    READY   STATUS              RESTARTS   AGE      NODE
                [     0.000s] >> step 1, line 5: apply
                [     0.000s]    zk-0    0/1     Pending             0          0s       node-1
                [     0.000s]    event Normal  SuccessfulCreate  statefulset/zk: create Pod zk-0 in StatefulSet zk successful
                [     0.000s]    zk-1    0/1     Pending             0          0s       node-2
                [     0.000s]    event Normal  SuccessfulCreate  statefulset/zk: create Pod zk-1 in StatefulSet zk successful
                [     0.000s]    zk-2    0/1     Pending             0          0s       node-3
                [     0.000s]    event Normal  SuccessfulCreate  statefulset/zk: create Pod zk-2 in StatefulSet zk successful
                [     0.000s] >> step 2, line 6: wait 12s
                [    10.000s]    zk-0    1/1     Running             0          10s      node-1
                [    10.000s]    zk-1    1/1     Running             0          10s      node-2
                [    10.000s]    zk-2    1/1     Running             0          10s      node-3

                summary   2 steps in 12s of fake time: 0 held, 0 failed, 0 skipped, 2 done
                result    PASSED
                """);
    }

    @Test
    void theRunnerIsSingleUse() {
        FakeEngine engine = new FakeEngine(1);
        ScenarioRunner runner = ScenarioRunner.create(engine, RunObserver.NONE);
        runner.run(scenario("- wait: 1s"), 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.run(scenario("- wait: 1s"), 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBadManifestIsReportedBeforeAnyStepRuns() {
        FakeEngine engine = new FakeEngine(1);
        Scenario s = ScenarioParser.parse(Path.of("bad-manifest.yaml"), """
                name: x
                manifest: ../k8s-manifests/zookeeper.yaml
                cluster: {nodes: {count: 1, cpu: 2, memory: 4Gi}}
                steps:
                  - wait: 1s
                  - apply: no-such-manifest.yaml
                """);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ScenarioRunner.create(engine, RunObserver.NONE).run(s, 1))
                .isInstanceOf(dev.zksim.model.InvalidInputException.class)
                .hasMessageContaining("no-such-manifest.yaml");
        assertThat(engine.nowMs()).isZero();
        assertThat(List.copyOf(engine.calls)).isEmpty();
    }

    /**
     * Elections and write outages count from the moment the labelled step began (its own effects included), outage
     * windows are clipped to that range, and the run's zookeeper summary carries them with the acknowledged writes.
     */
    @Test
    void electionsAndOutagesCountFromTheLabelledStepsStart() {
        FakeEngine engine = new FakeEngine(4).withZooKeeper();
        FakeEngine.FakeZooKeeper z = engine.zk.get();
        z.elections.add(new dev.zksim.model.scenario.engine.ZooKeeperHistory.WonElection(5_000, "zk-1", 200));
        z.outages.add(
                new dev.zksim.model.scenario.engine.ZooKeeperHistory.WriteOutage(0, java.util.OptionalLong.of(5_000)));
        // During the labelled wait (it starts at 20 s): an election at 21 s and writes down from 20.5 s to 22 s.
        engine.later(
                21_000,
                () -> z.elections.add(
                        new dev.zksim.model.scenario.engine.ZooKeeperHistory.WonElection(21_000, "zk-2", 300)));
        engine.later(
                20_000,
                () -> z.outages.add(new dev.zksim.model.scenario.engine.ZooKeeperHistory.WriteOutage(
                        20_500, java.util.OptionalLong.of(22_000))));
        Run run = run(engine, """
                - apply
                - wait: 20s
                - wait: 5s
                  label: disrupted
                - expect-elections: {since: disrupted, count: 1}
                - expect-elections: {count: 2}
                - expect-write-outage: {since: disrupted, atMost: 1500ms, atLeast: 1500ms}
                - expect-write-outage: {since: disrupted, atMost: 1s}
                - expect-write-outage: {atLeast: 6s}
                - write: {path: /a, value: x}
                """);
        assertThat(run.step(4).verdict()).as(run.text()).isEqualTo(Verdict.HELD);
        assertThat(run.step(4).output()).containsExactly("zk-2 elected at 21000 ms (election took 300 ms)");
        assertThat(run.step(5).verdict()).isEqualTo(Verdict.HELD);
        assertThat(run.step(6).verdict()).isEqualTo(Verdict.HELD);
        assertThat(run.step(6).output()).containsExactly("unavailable from 20500 ms to 22000 ms (1500 ms)");
        assertThat(run.step(7).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(run.step(7).actual()).hasValueSatisfying(a -> assertThat(a)
                .contains("1500 ms in 1 window(s) " + "between 20000 ms and 25000 ms"));
        assertThat(run.step(8).verdict()).isEqualTo(Verdict.HELD);
        ZooKeeperSummary summary = run.result().zooKeeper().orElseThrow();
        assertThat(summary.elections()).hasSize(2);
        assertThat(summary.writesUnavailableMs()).isEqualTo(6_500);
        assertThat(summary.ackedWrites()).singleElement().satisfies(a -> {
            assertThat(a.path()).isEqualTo("/a");
            assertThat(a.step()).isEqualTo(9);
        });
    }

    /** A role with no server in it fails the step with the reason, and nothing is done to any pod. */
    @Test
    void aRoleNoServerHasFailsTheStep() {
        FakeEngine engine = new FakeEngine(4).withZooKeeper();
        Run run = run(engine, """
                - delete-pod: {leader: true}
                - kill-process: {follower: any}
                """);
        assertThat(run.step(1).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(run.step(1).actual()).contains("cannot tell which pod is meant: no server leads now");
        assertThat(run.step(2).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(run.step(2).actual())
                .contains("cannot tell which pod is meant: no server follows a leader and " + "serves now");
        assertThat(engine.calls).noneMatch(c -> c.startsWith("delete-pod") || c.startsWith("kill-process"));
    }

    /** Without a ZooKeeper backend a role-aimed action is skipped, never guessed. */
    @Test
    void aRoleWithoutZooKeeperIsSkipped() {
        Run run = run(new FakeEngine(4), """
                - delete-pod: {leader: true}
                - drain: {nodeOf: leader}
                """);
        assertThat(run.step(1).verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(run.step(2).verdict()).isEqualTo(Verdict.SKIPPED);
    }
}
