package dev.zksim.model.zab;

/**
 * An election notification between servers (FastLeaderElection.Notification / ToSend, message version 2): the
 * sender's proposed leader with that leader's zxid and epoch, the sender's round ({@code electionEpoch}) and state.
 */
record Notification(int sid, int leader, long zxid, long electionEpoch, long peerEpoch, ServerMode state) {
    static final int VERSION = 2;
}
