package dev.zksim.report;

import java.util.ArrayList;
import java.util.List;

/** Report data shaped like real runs, for tests and for looking at the page. */
final class SampleRuns {
    private SampleRuns() {}

    private static long ms(double seconds) {
        return Math.round(seconds * 1000);
    }

    /**
     * One pod's spans, in seconds, on the sample's own simple timing: a container is created in 2 s, and a started
     * server turns Ready 10 s later (the tutorial manifest's readiness {@code initialDelaySeconds}).
     */
    private static final class PodSpans {
        private static final double CREATE_S = 2;
        private static final double READINESS_DELAY_S = 10;
        private final List<StateSpan> spans = new ArrayList<>();

        PodSpans span(double fromS, double toS, String status, int restarts, String node, String detail) {
            spans.add(new StateSpan(ms(fromS), ms(toS), status, restarts, node, detail));
            return this;
        }

        PodSpans pending(double fromS, double toS, String why) {
            return span(fromS, toS, "Pending", 0, "", why);
        }

        PodSpans terminating(double fromS, double toS, String node) {
            return span(fromS, toS, "Terminating", 0, node, "");
        }

        /** Scheduled at {@code fromS}: ContainerCreating, then {@link #running} until {@code untilS}. */
        PodSpans start(double fromS, String node, double untilS) {
            return span(fromS, fromS + CREATE_S, "ContainerCreating", 0, node, "")
                    .running(fromS + CREATE_S, 0, node, untilS);
        }

        /** The server started at {@code fromS}: Running, Ready from the first passing probe until {@code untilS}. */
        PodSpans running(double fromS, int restarts, String node, double untilS) {
            double readyS = fromS + READINESS_DELAY_S;
            return span(fromS, readyS, "Running", restarts, node, "").span(readyS, untilS, "Ready", restarts, node, "");
        }

        List<StateSpan> list() {
            return List.copyOf(spans);
        }
    }

    /**
     * The Kubernetes ZooKeeper tutorial on four nodes, in the model engine: OrderedReady start, the leader's pod
     * deleted, zk-0's node drained (zk-0 moves), zk-1's node drained (zk-1 Pending: anti-affinity), zk-0's process
     * killed (no quorum until it restarts), zk-2's drain refused by the PDB until node-2 is uncordoned.
     */
    static ReportData k8sTutorial() {
        String unschedulable = "0/4 nodes are available: 2 node(s) didn't match pod anti-affinity rules,"
                + " 2 node(s) were unschedulable.";
        return ReportData.builder("Kubernetes ZooKeeper tutorial", ReportData.MODEL)
                .scenarioFile("scenarios/k8s-tutorial.yaml")
                .seed(42)
                .timeUnitNote("virtual time")
                .endMs(ms(200))
                .lane(
                        "zk-0",
                        new PodSpans()
                                .pending(0, 0.3, "")
                                .start(0.3, "node-1", 60)
                                .terminating(60, 60.5, "node-1")
                                .pending(60.5, 61.8, "0/4 nodes are available: 1 node(s) were unschedulable.")
                                .start(61.8, "node-4", 120)
                                .span(120, 121, "Error", 0, "node-4", "exit code 137 (killed)")
                                .running(121, 1, "node-4", 200)
                                .list())
                .lane(
                        "zk-1",
                        new PodSpans()
                                .pending(12.3, 12.6, "")
                                .start(12.6, "node-2", 40)
                                .terminating(40, 40.4, "node-2")
                                .pending(40.4, 40.5, "")
                                .start(40.5, "node-2", 80)
                                .terminating(80, 80.5, "node-2")
                                .pending(80.5, 150.2, unschedulable)
                                .start(150.2, "node-2", 200)
                                .list())
                .lane(
                        "zk-2",
                        new PodSpans()
                                .pending(24.6, 24.9, "")
                                .start(24.9, "node-3", 165)
                                .terminating(165, 165.5, "node-3")
                                .pending(165.5, 200, unschedulable)
                                .list())
                .leader(ms(14.8), ms(40), "zk-1 (epoch 1)")
                .leader(ms(40.25), ms(120), "zk-2 (epoch 2)")
                .leader(ms(131.3), ms(165), "zk-2 (epoch 3)")
                .leader(ms(165.3), ms(200), "zk-1 (epoch 4)")
                .writable(ms(14.9), ms(40))
                .writable(ms(40.3), ms(120))
                .writable(ms(131.4), ms(165))
                .writable(ms(165.4), ms(200))
                .step(0, 1, 4, "apply: k8s-manifests/zookeeper.yaml")
                .step(0, 2, 5, "wait: {ready: 3, timeout: 2m}")
                .step(ms(36.9), 3, 7, "write: {path: /hello, value: world, via: zk-0}")
                .step(ms(36.9), 4, 8, "expect-value: {path: /hello, value: world, via: zk-1}")
                .step(ms(38), 5, 10, "expect-leader: any")
                .step(ms(40), 6, 12, "delete-pod: zk-1   # the leader")
                .step(ms(40), 7, 13, "expect-leader-change: {within: 5s}")
                .step(ms(60), 8, 16, "drain: {node: node-of(zk-0)}")
                .step(ms(80), 9, 18, "drain: {node: node-of(zk-1)}")
                .step(ms(85), 10, 19, "expect-pod: {pod: zk-1, status: Pending}")
                .step(ms(90), 11, 21, "drain: {node: node-of(zk-2), wait: false}")
                .step(ms(95), 12, 22, "expect-event: {reason: EvictionRefused, object: pod/zk-2}")
                .step(ms(120), 13, 25, "kill-process: zk-0")
                .step(ms(125), 14, 26, "expect-write-fails: {path: /hello}")
                .step(ms(150), 15, 28, "uncordon: node-of(zk-1)")
                .step(ms(170), 16, 30, "expect-ready: 2")
                .step(ms(171), 17, 31, "exec: {pod: zk-0, command: srvr}")
                .step(ms(172), 18, 32, "expect-leader: zk-2")
                .verdict(2, 5, "3 pods Ready within 2m", VerdictRow.HELD, "3 Ready after 36.9 s")
                .verdict(4, 8, "/hello = world (via zk-1)", VerdictRow.HELD, "read \"world\" at zxid 0x100000002")
                .verdict(5, 10, "a leader", VerdictRow.HELD, "zk-1 leads (epoch 1)")
                .verdict(7, 13, "a new leader within 5s", VerdictRow.HELD, "zk-2 leads (epoch 2) after 250 ms")
                .verdict(10, 19, "zk-1 Pending", VerdictRow.HELD, "Pending: " + unschedulable)
                .verdict(
                        12,
                        22,
                        "event EvictionRefused on pod/zk-2",
                        VerdictRow.HELD,
                        "Cannot evict pod as it would violate the pod's disruption budget.")
                .verdict(14, 26, "a write to /hello fails", VerdictRow.HELD, "ConnectionLoss after 2 s: no quorum")
                .verdict(16, 30, "2 pods Ready", VerdictRow.HELD, "2 Ready (zk-0 node-4, zk-1 node-2; zk-2 Pending)")
                .verdict(
                        17,
                        31,
                        "srvr answer from zk-0",
                        VerdictRow.SKIPPED,
                        "four-letter words need a ZooKeeper server: run with --engine real")
                .verdict(
                        18,
                        32,
                        "zk-2 leads",
                        VerdictRow.FAILED,
                        "expected: zk-2 leads\nfound:    zk-1 leads (epoch 4); zk-2 is Pending (not scheduled)")
                .fact("apply → 3 pods Ready", "36.9 s")
                .fact("apply → first acknowledged write", "37.0 s")
                .fact("leader's pod deleted → new leader", "250 ms")
                .fact("leader's pod deleted → first acknowledged write", "310 ms")
                .fact("election time (model)", "200 ms")
                .fact("evictions refused by zk-pdb", "15")
                .fact("writes unavailable in total", "26.6 s")
                .log("zk-0", "logs/zk-0.log")
                .log("zk-1", "logs/zk-1.log")
                .log("zk-2", "logs/zk-2.log")
                .build();
    }
    /**
     * "The leader's pod deleted → a new leader and writes again" in the real engine: Kubernetes delays scaled ×20,
     * ZooKeeper's own timing unchanged, so the failover is at full size on a short axis.
     */
    static ReportData leaderDeletedReal() {
        LaneRecorder lanes = new LaneRecorder();
        for (int p = 0; p < 3; p++) {
            long t0 = p * 720L;
            String pod = "zk-" + p;
            String node = "node-" + (p + 1);
            lanes.observe(t0, pod, "Pending", 0, "", "")
                    .observe(t0 + 15, pod, "ContainerCreating", 0, node, "")
                    .observe(t0 + 115, pod, "Running", 0, node, "")
                    .observe(t0 + 720, pod, "Ready", 0, node, "");
        }
        lanes.observe(4_000, "zk-2", "Terminating", 0, "node-3", "")
                .deleted(4_180, "zk-2")
                .observe(4_185, "zk-2", "Pending", 0, "", "")
                .observe(4_200, "zk-2", "ContainerCreating", 0, "node-3", "")
                .observe(4_300, "zk-2", "Running", 0, "node-3", "")
                .observe(4_905, "zk-2", "Ready", 0, "node-3", "");
        ReportData.ReportBuilder b = ReportData.builder("Leader's pod deleted", ReportData.REAL)
                .scenarioFile("scenarios/leader-deleted.yaml")
                .seed(7)
                .timeUnitNote("wall time, Kubernetes delays scaled ×20")
                .endMs(6_120)
                .lanes(lanes.lanes(6_120))
                .leader(1_020, 4_003, "zk-2 (epoch 1)")
                .leader(4_215, 6_120, "zk-1 (epoch 2)")
                .writable(1_035, 4_003)
                .writable(4_231, 6_120)
                .step(0, 1, 3, "apply: k8s-manifests/zookeeper.yaml")
                .step(0, 2, 4, "wait: {ready: 3, timeout: 2m}")
                .step(2_160, 3, 5, "write: {path: /hello, value: world}")
                .step(2_171, 4, 6, "expect-leader: zk-2")
                .step(4_000, 5, 8, "delete-pod: leader")
                .step(4_000, 6, 9, "expect-leader-change: {within: 5s}")
                .step(4_231, 7, 10, "expect-value: {path: /hello, value: world}")
                .step(4_240, 8, 11, "wait: {ready: 3, timeout: 1m}")
                .verdict(2, 4, "3 pods Ready within 2m", VerdictRow.HELD, "3 Ready after 2.16 s")
                .verdict(4, 6, "zk-2 leads", VerdictRow.HELD, "zk-2 leads (epoch 1, zxid 0x100000002)")
                .verdict(6, 9, "a new leader within 5s", VerdictRow.HELD, "zk-1 leads (epoch 2) after 215 ms")
                .verdict(7, 10, "/hello = world", VerdictRow.HELD, "read \"world\" at zxid 0x100000002")
                .verdict(8, 11, "3 pods Ready within 1m", VerdictRow.HELD, "3 Ready after 905 ms")
                .fact("apply → 3 pods Ready", "2.16 s")
                .fact("apply → first acknowledged write", "2.17 s")
                .fact("election time (ZooKeeper, LEADER ELECTION TOOK)", "212 ms")
                .fact("leader's pod deleted → first acknowledged write", "231 ms");
        for (int p = 0; p < 3; p++) {
            b.log("zk-" + p, "logs/zk-" + p + ".log");
        }
        return b.build();
    }
}
