package dev.zksim.model.zab;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One server as {@code srvr} and {@code mntr} would describe it, plus what is on its volume.
 *
 * @param serving whether it answers client requests (standalone, or leader/follower in the broadcast phase)
 * @param zxid the last zxid it processed (after an election a leader reports {@code epoch << 32})
 * @param lastLoggedZxid the last zxid on its volume
 * @param nodeCount znodes in its tree, the four system nodes included
 * @param leaderSid whom it follows or leads, when FOLLOWING or LEADING
 * @param servingSinceMs when it started serving, while it serves
 */
public record PeerStatus(
        String pod,
        int sid,
        ServerMode mode,
        ZabPhase phase,
        boolean serving,
        long zxid,
        long lastLoggedZxid,
        long currentEpoch,
        long acceptedEpoch,
        int nodeCount,
        OptionalInt leaderSid,
        OptionalLong servingSinceMs,
        String volumeId) {

    /**
     * What {@code echo srvr | nc localhost 2181} prints; empty when nothing listens on the client port. Counters that
     * the model does not track (latency, packets, connections) print as zero.
     */
    public String srvr() {
        if (mode == ServerMode.DOWN || mode == ServerMode.STARTING) {
            return "";
        }
        if (!serving) {
            return "This ZooKeeper instance is not currently serving requests\n";
        }
        return "Zookeeper version: 3.9.4-zksim-model\n"
                + "Latency min/avg/max: 0/0.0/0\n"
                + "Received: 0\nSent: 0\nConnections: 0\nOutstanding: 0\n"
                + "Zxid: " + Zxid.hex(zxid) + "\nMode: " + mode.srvrWord() + "\nNode count: " + nodeCount + "\n";
    }
}
