package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.scenario.engine.ClientTarget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A real three-server ensemble on loopback IPs, named through the cluster DNS. */
class RealEnsembleTests {

    @Test
    void formsOnLoopbackIpsWithDnsNamesAndReplicatesWrites() throws Exception {
        try (RealEnsemble e = new RealEnsemble(3)) {
            String leader = e.startAll();

            e.awaitAllServing();
            for (String pod : e.runtime.statuses().keySet()) {
                InetAddress ip = e.runtime.podIp(pod).orElseThrow();
                assertThat(ip.getAddress()[0]).isEqualTo((byte) 127);
                String fqdn = e.runtime.dns().podFqdn(pod);
                assertThat(fqdn)
                        .isEqualTo(pod + ".zk-hs.default.svc." + e.runtime.dns().clusterDomain());
                assertThat(InetAddress.getByName(fqdn)).isEqualTo(ip);
            }
            String zooCfg = Files.readString(e.runtime.root().resolve("pods/zk-0/start-1/opt/zookeeper/conf/zoo.cfg"));
            assertThat(zooCfg)
                    .contains(
                            "server.2=zk-1.zk-hs.default.svc." + e.runtime.dns().clusterDomain() + ":2888:3888");

            ClientResult w = e.runtime.clients().write(ClientTarget.service("zk-cs"), "/hello", "world", 10_000);
            assertThat(w.acknowledged()).as("%s", w).isTrue();
            String other = leader.equals("zk-0") ? "zk-1" : "zk-0";
            ClientResult r = e.runtime.clients().read(ClientTarget.pod(other), "/hello", true, 10_000);
            assertThat(r).isInstanceOf(ClientResult.NodeRead.class);
            assertThat(r.valueRead()).contains("world");
            assertThat(((ClientResult.NodeRead) r).server()).isEqualTo(other);
            assertThat(((ClientResult.NodeRead) r).mzxid())
                    .isEqualTo(((ClientResult.Acknowledged) w).write().zxid().getAsLong());
        }
    }

    @Test
    void killingTheLeaderElectsANewOneAndWritesResume() {
        try (RealEnsemble e = new RealEnsemble(3)) {
            String leader = e.startAll();
            assertThat(e.runtime
                            .clients()
                            .write(ClientTarget.service("zk-cs"), "/hello", "world", 10_000)
                            .acknowledged())
                    .isTrue();
            e.awaitAllServing(); // every server has reported its start-up election
            int electionsBefore = e.runtime.elections().size();

            e.kill(leader);
            e.unpublish(leader);
            ClientResult w =
                    e.runtime.clients().writeUntilAcknowledged(ClientTarget.service("zk-cs"), "/after", "kill", 20_000);

            assertThat(w.acknowledged()).as("%s", w).isTrue();
            String newLeader = e.awaitLeader();
            assertThat(newLeader).isNotEqualTo(leader);
            assertThat(e.runtime.status(leader).mode()).isEqualTo(QuorumPeerStatus.PeerMode.NOT_RUNNING);
            assertThat(e.runtime
                            .elections()
                            .subList(electionsBefore, e.runtime.elections().size()))
                    .extracting(ElectionReport::pod)
                    .doesNotContain(leader)
                    .doesNotHaveDuplicates()
                    .hasSize(2);
            ClientResult r = e.runtime.clients().read(ClientTarget.service("zk-cs"), "/hello", true, 10_000);
            assertThat(r.valueRead()).contains("world");
        }
    }

    /**
     * A pod deleted gracefully gets SIGTERM, which ZooKeeper does not handle: the JVM exits and the kernel closes every
     * socket at once. So the stopped leader's election listener must be gone before its Leader shuts down (the first
     * thing {@code QuorumPeer.shutdown()} does). The other order leaves the election channel answering, for a few
     * milliseconds, a follower that saw its leader's connection close: it answers with the LEADING vote of a dying
     * leader, the follower follows it, and the survivors wait out initLimit (20.6 s in one of three real runs).
     */
    @Test
    void aGracefullyStoppedLeaderLeavesTheElectionBeforeItsLeaderShutsDown() throws Exception {
        try (RealEnsemble e = new RealEnsemble(3)) {
            String leader = e.startAll();
            e.stop(leader);
            String log = Files.readString(e.runtime.logFile(leader));
            int listenerGone = log.indexOf("Leaving listener");
            int leaderDown = log.indexOf("Shutdown called. For the reason quorum Peer shutdown");
            assertThat(listenerGone).as("the election listener ended").isNotNegative();
            assertThat(leaderDown).as("the leader shut down").isNotNegative();
            assertThat(listenerGone).as("the election was gone first").isLessThan(leaderDown);
        }
    }

    @Test
    void aRestartOnTheSameVolumeKeepsTheData() throws Exception {
        try (RealEnsemble e = new RealEnsemble(3)) {
            String leader = e.startAll();
            ClientResult w = e.runtime.clients().write(ClientTarget.service("zk-cs"), "/kept", "on-disk", 10_000);
            assertThat(w.acknowledged()).isTrue();
            for (String pod : e.runtime.statuses().keySet()) {
                e.stop(pod);
            }
            assertThat(e.runtime.leaders()).isEmpty();
            // the start-zookeeper layout on each volume; the leader logged the write before it was acknowledged
            for (int i = 0; i < 3; i++) {
                Path data = e.runtime
                        .volume("pvc-datadir-zk-" + i)
                        .orElseThrow()
                        .root()
                        .resolve("data");
                assertThat(Files.readString(data.resolve("myid")).trim()).isEqualTo(Integer.toString(i + 1));
                assertThat(data.resolve("version-2"))
                        .isDirectoryContaining("glob:**/snapshot.*")
                        .isDirectoryContaining("glob:**/currentEpoch");
                assertThat(data.resolve("log/version-2")).isDirectory();
            }
            Path leaderLog = e.runtime
                    .volume("pvc-datadir-" + leader)
                    .orElseThrow()
                    .root()
                    .resolve("data/log/version-2");
            assertThat(leaderLog).isDirectoryContaining("glob:**/log.*");

            for (int i = 0; i < 3; i++) {
                e.start(i, i, 1); // same node, same volume: the kubelet restarting the container
            }
            e.awaitAllReadyAndPublish();
            e.awaitLeader();
            ClientResult r = e.runtime.clients().read(ClientTarget.pod("zk-1"), "/kept", true, 10_000);
            assertThat(r.valueRead()).contains("on-disk");
            assertThat(((ClientResult.NodeRead) r).mzxid())
                    .isEqualTo(((ClientResult.Acknowledged) w).write().zxid().getAsLong());
        }
    }

    @Test
    void aRescheduledPodWithANewIpRejoins() throws Exception {
        try (RealEnsemble e = new RealEnsemble(3)) {
            String leader = e.startAll();
            String moved = leader.equals("zk-0") ? "zk-1" : "zk-0";
            int ordinal = Integer.parseInt(moved.substring(3));
            InetAddress oldIp = e.runtime.podIp(moved).orElseThrow();

            e.kill(moved);
            e.unpublish(moved);
            assertThat(e.runtime
                            .clients()
                            .write(ClientTarget.service("zk-cs"), "/while-away", "v", 10_000)
                            .acknowledged())
                    .isTrue();
            e.start(ordinal, 7, 0); // drained to node-7: a new pod, a new IP, the same PVC
            e.awaitAllReadyAndPublish();

            InetAddress newIp = e.runtime.podIp(moved).orElseThrow();
            assertThat(newIp).isNotEqualTo(oldIp);
            assertThat(InetAddress.getByName(e.runtime.dns().podFqdn(moved))).isEqualTo(newIp);
            assertThat(Awaits.until(() -> e.runtime.status(moved).serving(), 20_000, 5))
                    .as("%s serving again: %s", moved, e.runtime.statuses())
                    .isTrue();
            ClientResult r = e.runtime.clients().read(ClientTarget.pod(moved), "/while-away", false, 10_000);
            assertThat(r.valueRead()).contains("v");
            assertThat(((ClientResult.NodeRead) r).server()).isEqualTo(moved);
            assertThat(e.runtime
                            .clients()
                            .write(ClientTarget.pod(moved), "/from-moved", "w", 10_000)
                            .acknowledged())
                    .isTrue();
        }
    }

    @Test
    void answersTheFourLetterWordsAndListensOnlyOnLoopback() throws Exception {
        try (RealEnsemble e = new RealEnsemble(3)) {
            String leader = e.startAll();
            e.awaitAllServing();
            assertThat(e.runtime.fourLetterWord(leader, "ruok")).isEqualTo("imok");
            assertThat(e.runtime.fourLetterWord(leader, "srvr"))
                    .contains("Mode: leader")
                    .contains("Zookeeper version: 3.9.4");
            assertThat(e.runtime.fourLetterWord(leader, "stat"))
                    .contains("Mode: leader")
                    .contains("Clients:");
            assertThat(e.runtime.fourLetterWord(leader, "mntr"))
                    .contains("zk_server_state\tleader")
                    .contains("zk_synced_followers\t2");
            assertThat(e.runtime.fourLetterWord(leader, "conf"))
                    .contains("clientPort=2181")
                    .contains("serverId=" + (Integer.parseInt(leader.substring(3)) + 1));
            assertThat(e.runtime.fourLetterWord("zk-1", "envi")).contains("zookeeper.version=3.9.4");
            String follower = leader.equals("zk-0") ? "zk-1" : "zk-0";
            assertThat(e.runtime.fourLetterWord(follower, "srvr")).contains("Mode: follower");
            assertThat(e.probe(follower)).isTrue();

            List<InetSocketAddress> listening = ListeningSockets.ofThisProcess();
            assertThat(listening).as("listening sockets of this JVM").isNotEmpty();
            assertThat(listening).allSatisfy(a -> {
                assertThat(a.getAddress().isAnyLocalAddress())
                        .as("%s is a wildcard bind", a)
                        .isFalse();
                assertThat(a.getAddress().getAddress()[0])
                        .as("%s outside 127/8", a)
                        .isEqualTo((byte) 127);
            });
            for (String pod : List.of("zk-0", "zk-1", "zk-2")) {
                InetAddress ip = e.runtime.podIp(pod).orElseThrow();
                assertThat(listening).contains(new InetSocketAddress(ip, 2181), new InetSocketAddress(ip, 3888));
            }
            assertThat(listening)
                    .contains(new InetSocketAddress(e.runtime.podIp(leader).orElseThrow(), 2888));
        }
    }
}
