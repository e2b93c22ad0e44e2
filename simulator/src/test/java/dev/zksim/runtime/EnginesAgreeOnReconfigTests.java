package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two engines agree on scenarios/scale-reconfig.yaml, scenarios/scale-down-leader.yaml and a test scenario with
 * non-incremental reconfigs (k8s-manifests/zookeeper-reconfig.yaml), and on scenarios/scale-fixed-servers.yaml (the
 * tutorial's manifest, which cannot grow), issue #15: after every step the same pod leads (or none) and writes are
 * available or not alike; each {@code expect-members} finds the same members on the same server; each
 * {@code expect-value} reads the same value; the acknowledged writes and the final leader are the same and nothing is
 * lost; the write outage after the leader's removal has the same length within {@value #OUTAGE_TOLERANCE_MS} ms. In
 * scale-down-leader.yaml the leader after the removal is one of two, by a race in ZooKeeper (its test says why).
 *
 * <p>Where they differ, by design: zxids (the model counts a session's createSession and closeSession for every
 * one-shot client, the scripts' config queries included, which the real clients do not all open), so a read's
 * {@code mZxid} is not compared; and the hand-off after the leader's removal, which both engines do without an
 * election (the designated leader, the lowest id that acknowledged, leads at once: ZooKeeper's
 * {@code Leader.getDesignatedLeader}), is counted as an election by the real engine (it reads ZooKeeper's "LEADER
 * ELECTION TOOK" line, which the hand-off logs too, with a duration since an election that never ran), not by the
 * model, so only the first election is compared. Step durations are not compared either: the real engine's
 * Kubernetes clock runs in real time while a container stops or a client call waits (its Pacer), so the scale-down
 * to 3 took 12.7-15.4 s there against the model's 6.0 s, and the leader's pod deletion 5.0-6.9 s against 3.0 s
 * (each preStop hook's 2 s pause plus the real servers' shutdown).
 */
class EnginesAgreeOnReconfigTests {
    static final long OUTAGE_TOLERANCE_MS = 2_000;

    @Test
    void scaleReconfigGivesTheSameFactsInBothEngines() throws IOException {
        JsonNode model = RunJson.run("scale-reconfig.yaml", "model");
        JsonNode real = RunJson.run("scale-reconfig.yaml", "real");
        RunJson.assertStepsAgree(model, real, null, List.of());
        JsonNode zm = model.get("zookeeper");
        JsonNode zr = real.get("zookeeper");
        assertThat(zr.get("leader").asText())
                .isEqualTo(zm.get("leader").asText())
                .isEqualTo("zk-1");
        assertThat(RunJson.texts(zr.get("ackedWrites"), "path"))
                .isEqualTo(RunJson.texts(zm.get("ackedWrites"), "path"));
        assertThat(RunJson.texts(zr.get("ackedWrites"), "op")).isEqualTo(RunJson.texts(zm.get("ackedWrites"), "op"));
        assertThat(zr.get("lostWrites")).isEmpty();
        assertThat(zm.get("lostWrites")).isEmpty();
        assertThat(zr.get("elections").get(0).get("leader").asText())
                .isEqualTo(zm.get("elections").get(0).get("leader").asText());
        assertThat(RunJson.texts(zm.get("elections"), "leader"))
                .as("the model's hand-off is no election")
                .containsExactly("zk-0");
        RunJson.assertOutagesAgree(model, real, "leader-gone", OUTAGE_TOLERANCE_MS);
    }

    /**
     * scenarios/scale-down-leader.yaml: the killed zk-0's peers elect zk-4 (the highest id) in both engines; the
     * scale-down's first preStop hook removes that leader. From that step on the leaders are compared as a set: the
     * designated leader is the lowest id among the new config's voters whose ACK reached the leader before the
     * reconfig had its joint quorum (Leader.getDesignatedLeader over the proposal's ackset), which the real servers
     * decide by a race (zk-0 or zk-1 in the runs measured) and the model by its seed. Members (read on zk-2), values,
     * writability and the acknowledged writes are compared as for scale-reconfig.yaml, the hand-off's write outage
     * within {@value #OUTAGE_TOLERANCE_MS} ms.
     */
    @Test
    void scaleDownLeaderGivesTheSameFactsInBothEngines() throws IOException {
        JsonNode model = RunJson.run("scale-down-leader.yaml", "model");
        JsonNode real = RunJson.run("scale-down-leader.yaml", "real");
        List<String> designated = List.of("zk-0", "zk-1");
        RunJson.assertStepsAgree(model, real, "scale-down", designated);
        JsonNode zm = model.get("zookeeper");
        JsonNode zr = real.get("zookeeper");
        assertThat(zr.get("leader").asText()).isIn(designated);
        assertThat(zm.get("leader").asText()).isIn(designated);
        assertThat(RunJson.texts(zr.get("ackedWrites"), "path"))
                .isEqualTo(RunJson.texts(zm.get("ackedWrites"), "path"))
                .containsExactly("/three", "/five", "/zk-4-leads", "/three-again");
        assertThat(zr.get("lostWrites")).isEmpty();
        assertThat(zm.get("lostWrites")).isEmpty();
        // the two elections; the real engine also counts the hand-off, which ZooKeeper logs as one
        assertThat(RunJson.texts(zm.get("elections"), "leader")).containsExactly("zk-0", "zk-4");
        assertThat(RunJson.texts(zr.get("elections"), "leader").subList(0, 2)).containsExactly("zk-0", "zk-4");
        RunJson.assertOutagesAgree(model, real, "scale-down", OUTAGE_TOLERANCE_MS);
    }

    /**
     * simulator/src/test/resources/scenarios/reconfig/members.yaml: a non-incremental {@code reconfig -members} (the
     * model's ConfigChange with members, the real engine's ZooKeeperAdmin.reconfigure with newMembers) leaves zk-2 out
     * and takes it back, and one without a synced quorum is refused alike (NewConfigNoQuorum); after every step the engines agree on the leader, writability, the committed members as the
     * leader and zk-2 show them, and the values read.
     */
    @Test
    void aMembersReconfigGivesTheSameMembersInBothEngines() throws IOException {
        String file = "../simulator/src/test/resources/scenarios/reconfig/members.yaml";
        JsonNode model = RunJson.run(file, "model");
        JsonNode real = RunJson.run(file, "real");
        RunJson.assertStepsAgree(model, real, null, List.of());
        List<String> members = new java.util.ArrayList<>();
        real.get("steps").forEach(st -> {
            if (st.get("kind").asText().equals("expect-members")) {
                members.add(st.path("actual").asText());
            }
        });
        assertThat(members)
                .containsExactly(
                        "members [zk-0, zk-1, zk-2] in /zookeeper/config on zk-0",
                        "members [zk-0, zk-1] in /zookeeper/config on zk-0",
                        "members [zk-0, zk-1] in /zookeeper/config on zk-2",
                        "members [zk-0, zk-1, zk-2] in /zookeeper/config on zk-2",
                        "members [zk-0, zk-1, zk-2] in /zookeeper/config on zk-0");
        assertThat(RunJson.texts(real.get("zookeeper").get("ackedWrites"), "path"))
                .isEqualTo(RunJson.texts(model.get("zookeeper").get("ackedWrites"), "path"));
    }

    /**
     * scenarios/scale-fixed-servers.yaml: the tutorial's manifest scaled to 5 and back. After every step the engines
     * agree on the leader, writability, the members (still zk-0..zk-2: zk-3's server exits with "My id 4 not in the
     * peer list" and its pod crash-loops) and the values read; the acknowledged writes are the same and none is lost.
     */
    @Test
    void theTutorialScaledPastItsServerListGivesTheSameFactsInBothEngines() throws IOException {
        JsonNode model = RunJson.run("scale-fixed-servers.yaml", "model");
        JsonNode real = RunJson.run("scale-fixed-servers.yaml", "real");
        RunJson.assertStepsAgree(model, real, null, List.of());
        assertThat(RunJson.texts(real.get("zookeeper").get("ackedWrites"), "path"))
                .isEqualTo(RunJson.texts(model.get("zookeeper").get("ackedWrites"), "path"));
        assertThat(real.get("zookeeper").get("lostWrites")).isEmpty();
        assertThat(model.get("zookeeper").get("lostWrites")).isEmpty();
    }
}
