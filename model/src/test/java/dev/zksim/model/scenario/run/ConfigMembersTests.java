package dev.zksim.model.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigMembersTests {

    @Test
    void readsParticipantsAndObserversInServerIdOrderAndSkipsTheVersion() {
        ConfigMembers m = ConfigMembers.parse("""
                server.3=zk-2.zk-hs.default.svc.cluster.local:2888:3888:participant;0.0.0.0:2181
                server.1=zk-0.zk-hs.default.svc.cluster.local:2888:3888:participant
                server.5=zk-observer-0.zk-hs.default.svc.cluster.local:2888:3888:observer;2181
                server.x=not-a-server:1:2:participant
                version=100000004""");
        assertThat(m.participantPods()).containsExactly("zk-0", "zk-2");
        assertThat(m.observers()).containsOnlyKeys(5);
        assertThat(m.observers().get(5)).isEqualTo("zk-observer-0.zk-hs.default.svc.cluster.local");
    }

    @Test
    void aStandaloneServersEmptyNodeHasNoMembers() {
        assertThat(ConfigMembers.parse("").participantPods()).isEmpty();
    }
}
