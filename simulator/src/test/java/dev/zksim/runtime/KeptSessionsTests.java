package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.scenario.engine.ClientTarget;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The client keeps one session per target, as an application would, and lets it go when its server stops being one
 * the target leads to: a pod killed (even when it comes back on the same IP), a pod the Service no longer publishes.
 */
class KeptSessionsTests {

    @Test
    void operationsOnATargetShareOneSession() {
        try (RealEnsemble e = new RealEnsemble(3)) {
            String leader = e.startAll();
            ZkClients c = e.runtime.clients();
            ClientTarget pod = ClientTarget.pod(leader);

            // whenServing first: the engine's path, whose wait for a serving server must not shorten what it keeps
            assertThat(c.whenServing(ZkClients.Op.WRITE, pod, "/k", "1", 10_000).acknowledged())
                    .isTrue();
            OptionalLong first = c.keptSessionId(pod);
            assertThat(c.whenServing(ZkClients.Op.SET, pod, "/k", "2", 10_000).acknowledged())
                    .isTrue();
            assertThat(c.write(pod, "/k", "3", 10_000).acknowledged()).isTrue();
            assertThat(c.read(pod, "/k", true, 10_000).valueRead()).contains("3");

            assertThat(first).isPresent();
            assertThat(c.keptSessionId(pod)).isEqualTo(first);
        }
    }

    @Test
    void aSessionToAKilledPodIsNotReusedWhenThePodComesBackOnTheSameIp() {
        try (RealEnsemble e = new RealEnsemble(3)) {
            String leader = e.startAll();
            String follower = leader.equals("zk-1") ? "zk-2" : "zk-1";
            int ordinal = Integer.parseInt(follower.substring(3));
            ZkClients c = e.runtime.clients();
            ClientTarget pod = ClientTarget.pod(follower);
            assertThat(c.write(pod, "/k", "before", 10_000).acknowledged()).isTrue();
            OptionalLong before = c.keptSessionId(pod);
            var ip = e.runtime.podIp(follower).orElseThrow();

            e.kill(follower);
            e.start(ordinal, ordinal, 1); // the same node: the same pod IP
            ClientResult w = c.whenServing(ZkClients.Op.WRITE, pod, "/k", "after", 10_000);

            assertThat(e.runtime.podIp(follower)).contains(ip);
            assertThat(w.acknowledged()).as("%s", w).isTrue();
            assertThat(before).isPresent();
            assertThat(c.keptSessionId(pod)).isPresent().isNotEqualTo(before);
        }
    }

    @Test
    void aServiceSessionMovesOffAPodTheServiceNoLongerPublishes() {
        try (RealEnsemble e = new RealEnsemble(3)) {
            e.startAll();
            ZkClients c = e.runtime.clients();
            ClientTarget service = ClientTarget.service("zk-cs");
            ClientResult first = c.write(service, "/k", "1", 10_000);
            assertThat(first.acknowledged()).as("%s", first).isTrue();
            String server = ((ClientResult.Acknowledged) first).write().server();

            e.unpublish(server); // not Ready: still running and serving, but no longer behind zk-cs
            ClientResult second = c.whenServing(ZkClients.Op.SET, service, "/k", "2", 10_000);

            assertThat(second.acknowledged()).as("%s", second).isTrue();
            assertThat(((ClientResult.Acknowledged) second).write().server()).isNotEqualTo(server);
        }
    }
}
