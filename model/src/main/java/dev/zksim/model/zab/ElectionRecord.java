package dev.zksim.model.zab;

import java.util.List;

/**
 * One server's leader election, from entering LOOKING to leaving it, as ZooKeeper reports it per server
 * ({@code ElectionTimeTaken}, "LEADER ELECTION TOOK").
 *
 * @param outcome LEADING or FOLLOWING
 * @param leaderSid the server it settled on
 * @param electionEpoch FastLeaderElection's logical clock (round) of the decision
 * @param vote the winning vote as the quorum agreed on it: leader sid, its peer epoch and zxid (for a server that
 *     restarted meanwhile, the zxid its previous process announced, which may be ahead of what it has now)
 * @param viaEstablishedLeader true when it joined a leader that a quorum already followed (out-of-election votes)
 * @param quorum the servers whose votes made the decision, each with its own standing when it sent that vote
 */
public record ElectionRecord(
        String pod,
        int sid,
        long startMs,
        long endMs,
        ServerMode outcome,
        int leaderSid,
        long electionEpoch,
        PeerStanding vote,
        boolean viaEstablishedLeader,
        List<PeerStanding> quorum) {
    public ElectionRecord {
        quorum = List.copyOf(quorum);
    }

    public long durationMs() {
        return endMs - startMs;
    }
}
