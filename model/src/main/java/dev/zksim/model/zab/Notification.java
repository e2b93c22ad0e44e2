package dev.zksim.model.zab;

/**
 * An election notification between servers (FastLeaderElection.Notification / ToSend, message version 2): the
 * sender's proposed leader with that leader's zxid and epoch, the sender's round ({@code electionEpoch}) and state.
 * {@code senderStanding} is not on the wire: the model carries the sender's own standing along so that the election
 * record can name the standing of every server whose vote counted. {@code config} is the sender's committed dynamic
 * config (ToSend's config bytes), null for a server started from a static zoo.cfg.
 */
record Notification(
        int sid,
        int leader,
        long zxid,
        long electionEpoch,
        long peerEpoch,
        ServerMode state,
        PeerStanding senderStanding,
        DynamicConfig config) {
    static final int VERSION = 2;
}
