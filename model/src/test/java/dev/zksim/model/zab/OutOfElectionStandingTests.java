package dev.zksim.model.zab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.zab.ZabWorld.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shrunk run of {@code ZabProperties.fiveServers} with seed -3563663892353712412 (as it shrinks since a
 * late joiner of an empty leader is at (epoch, 0)), which broke
 * {@code highest-vote-leads}: zk-3 voted for zk-1 while LOOKING (its standing then: epoch 1), then joined the healed
 * leader zk-2 and answered zk-1's later notifications from another round. FastLeaderElection keeps the round's vote in
 * recvset (it replaces entries of its own round only), so zk-1 rightly counted zk-3's earlier vote; but the model
 * recorded zk-3's newer standing (epoch 2, after its sync) beside that vote, and the checker saw a quorum member
 * "higher" than the winner. The vote and the standing now stay paired. Broken once: sharing one standings table for
 * recvset and outofelection again makes this test fail with the same violation.
 */
class OutOfElectionStandingTests {
    @Test
    void aStaleRecvsetVoteKeepsTheStandingItWasSentWith() {
        List<Op> ops = List.of(
                new Op.Start(0),
                new Op.Start(1),
                new Op.Start(2),
                new Op.Start(3),
                new Op.Start(4),
                new Op.AwaitAllServing(60_000),
                new Op.Kill(3),
                new Op.Write(0, new WriteRequest.Create("/a", "1")),
                new Op.Stop(4),
                new Op.Start(3),
                new Op.Wait(500),
                new Op.Isolate(2),
                new Op.Wait(10_000),
                new Op.Heal(),
                new Op.Start(4),
                new Op.Wait(3_000));
        ZabWorld w = ZabWorld.replay(5, 42, ops);

        assertThat(w.checker.check(w.zk.model)).isEmpty();
    }
}
