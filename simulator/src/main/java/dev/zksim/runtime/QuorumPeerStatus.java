package dev.zksim.runtime;

/**
 * What one pod's server says about itself now, read from the in-process server (the same facts {@code srvr} prints).
 *
 * @param pod the pod
 * @param mode the server's role
 * @param serving whether it serves clients now (false while LOOKING, syncing, or down)
 * @param lastProcessedZxid the last transaction applied to its data tree, -1 when not serving
 * @param votedLeaderId the server id it currently votes for or follows, -1 when unknown
 */
public record QuorumPeerStatus(String pod, PeerMode mode, boolean serving, long lastProcessedZxid, long votedLeaderId) {

    /** A server's role; STARTING before the server runs, NOT_RUNNING after it stopped or when there is none. */
    public enum PeerMode {
        STARTING,
        LOOKING,
        LEADING,
        FOLLOWING,
        OBSERVING,
        STANDALONE,
        NOT_RUNNING
    }

    static QuorumPeerStatus notRunning(String pod) {
        return new QuorumPeerStatus(pod, PeerMode.NOT_RUNNING, false, -1, -1);
    }

    /** A leader that serves: what {@code srvr} reports as "Mode: leader". */
    public boolean isServingLeader() {
        return serving && mode == PeerMode.LEADING;
    }

    /**
     * Whether this server is the one writes go to: a serving leader, or a serving standalone server (a one-server
     * ensemble has no leader, and takes writes itself).
     */
    public boolean leadsAndServes() {
        return isServingLeader() || mode == PeerMode.STANDALONE && serving;
    }
}
