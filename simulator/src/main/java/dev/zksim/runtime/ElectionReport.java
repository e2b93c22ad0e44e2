package dev.zksim.runtime;

/**
 * A leader election as one server reported it ("LEADING - LEADER ELECTION TOOK - 215 MS"): the time from entering
 * LOOKING (FastLeaderElection.lookForLeader) to taking up its role, which is what JMX shows as
 * {@code ElectionTimeTaken}.
 *
 * @param pod the pod whose server reported it
 * @param role LEADING, FOLLOWING or OBSERVING
 * @param electionTimeMs ZooKeeper's number
 * @param atEpochMs wall-clock time of the log line (ms since the epoch)
 */
public record ElectionReport(String pod, String role, long electionTimeMs, long atEpochMs) {

    /** Whether the server took up leadership (role LEADING) in this election. */
    public boolean isLeader() {
        return "LEADING".equals(role);
    }
}
