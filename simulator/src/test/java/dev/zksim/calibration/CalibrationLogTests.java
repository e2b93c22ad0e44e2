package dev.zksim.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.calibration.CalibrationLog.LineKind;
import dev.zksim.calibration.CalibrationLog.LogEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pod-log lines calibration times, as ZooKeeper 3.9.4 and zksim write them (copied from a real run's log). */
class CalibrationLogTests {
    private static final String LOG = """
            2026-12-05 07:25:17,771 [myid:2] - INFO  [zksim] - container stop (graceful)
            2026-12-05 07:25:17,793 [myid:1] - INFO  [QuorumPeer[myid=1](plain=127.96.132.2:2181)(secure=disabled):o.a.z.s.q.QuorumPeer@1471] - LOOKING
            2026-12-05 07:25:17,803 [myid:3] - INFO  [WorkerReceiver[myid=3]:o.a.z.s.q.FastLeaderElection$Messenger$WorkerReceiver@391] - Notification: my state:LOOKING; n.sid:1, n.state:LOOKING, n.leader:1, n.round:0x3, n.peerEpoch:0x1, n.zxid:0x100000002, message format version:0x2, n.config version:0x0
            2026-12-05 07:25:18,022 [myid:1] - INFO  [QuorumPeer[myid=1](plain=127.96.132.2:2181)(secure=disabled):o.a.z.s.q.QuorumPeer@1554] - FOLLOWING
            2026-12-05 07:25:18,022 [myid:1] - INFO  [QuorumPeer[myid=1](plain=127.96.132.2:2181)(secure=disabled):o.a.z.s.q.Follower@76] - FOLLOWING - LEADER ELECTION TOOK - 225 MS
            2026-12-05 07:25:18,023 [myid:3] - INFO  [QuorumPeer[myid=3](plain=127.96.132.4:2181)(secure=disabled):o.a.z.s.q.QuorumPeer@1566] - LEADING
            2026-12-05 07:25:18,024 [myid:1] - WARN  [LeaderConnector-zk-2.zk-hs.default.svc.cluster.local/127.96.132.4:2888:o.a.z.s.q.Learner$LeaderConnector@448] - Unexpected exception, tries=0, remaining init limit=20000, connecting to zk-2.zk-hs.default.svc.cluster.local/127.96.132.4:2888
            java.net.ConnectException: Connection refused
            \tat java.base/sun.nio.ch.Net.pollConnect(Native Method)
            2026-12-05 07:25:18,033 [myid:3] - INFO  [QuorumPeer[myid=3](plain=127.96.132.4:2181)(secure=disabled):o.a.z.s.q.Leader@637] - LEADING - LEADER ELECTION TOOK - 236 MS
            2026-12-05 07:25:18,125 [myid:1] - INFO  [LeaderConnector-zk-2.zk-hs.default.svc.cluster.local/127.96.132.4:2888:o.a.z.s.q.Learner$LeaderConnector@384] - Successfully connected to leader, using address: zk-2.zk-hs.default.svc.cluster.local/127.96.132.4:2888
            2026-12-05 07:25:18,183 [myid:1] - INFO  [QuorumPeer[myid=1](plain=127.96.132.2:2181)(secure=disabled):o.a.z.s.q.Learner@732] - Learner received UPTODATE message
            2026-12-05 07:25:19,264 [myid:2] - INFO  [zk-1-main:o.a.z.s.p.FileTxnSnapLog@372] - 2002 txns loaded in 6 ms
            2026-12-05 07:25:19,265 [myid:2] - INFO  [zk-1-main:o.a.z.s.ZKDatabase@294] - Snapshot loaded in 24 ms, highest zxid is 0x100000002, digest is 7403479889
            2026-12-05 07:25:32,349 [myid:3] - INFO  [zksim] - container kill
            """;

    @Test
    void eachTimedLineIsRecognisedWithItsMillisecondAndNumber() {
        List<LogEvent> ev = CalibrationLog.parse(LOG).events();
        assertThat(ev)
                .extracting(LogEvent::kind)
                .containsExactly(
                        LineKind.CONTAINER_END,
                        LineKind.LOOKING,
                        LineKind.NOTIFICATION,
                        LineKind.FOLLOWING,
                        LineKind.LEADING,
                        LineKind.CONNECT_FAILED,
                        LineKind.LEADER_BOUND,
                        LineKind.CONNECTED,
                        LineKind.UPTODATE,
                        LineKind.TXNS_LOADED,
                        LineKind.RESTORED,
                        LineKind.CONTAINER_END);
        long t0 = ev.get(0).atMs();
        assertThat(ev.get(1).atMs() - t0).isEqualTo(22);
        assertThat(ev.get(2).number()).as("the notification's sender").isEqualTo(1);
        assertThat(ev.get(7).atMs() - ev.get(5).atMs())
                .as("refused → connected")
                .isEqualTo(101);
        assertThat(ev.get(9).number()).isEqualTo(2002);
        assertThat(ev.get(10).number()).isEqualTo(24);
    }

    @Test
    void firstFindsTheEarliestLineOfAKindFromAnInstant() {
        CalibrationLog log = CalibrationLog.parse(LOG);
        long looking = log.first(LineKind.LOOKING, 0).orElseThrow().atMs();
        assertThat(log.first(e -> e.kind() == LineKind.LEADING || e.kind() == LineKind.FOLLOWING, looking)
                        .orElseThrow()
                        .kind())
                .isEqualTo(LineKind.FOLLOWING);
        assertThat(log.first(LineKind.CONTAINER_END, looking).orElseThrow().atMs() - looking)
                .isEqualTo(14_556);
        assertThat(log.first(LineKind.LOOKING, looking + 1)).isEmpty();
    }
}
