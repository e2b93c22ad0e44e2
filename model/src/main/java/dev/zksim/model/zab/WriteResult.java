package dev.zksim.model.zab;

/** The outcome of a client write, as the client sees it. */
public sealed interface WriteResult {

    /** Whether the client got a success reply (the write is then recorded as acknowledged). */
    default boolean acknowledged() {
        return this instanceof Committed;
    }

    /** One line for timelines and verdicts. */
    String describe();

    /**
     * Committed: a quorum of voting servers logged it and the leader committed it.
     *
     * @param zxid the write's transaction id
     * @param servedBy the pod whose client port the client used
     * @param latencyMs modeled time from request to reply ({@link TimingProfile#quorumWriteMs()} per transaction)
     */
    record Committed(long zxid, String servedBy, long latencyMs) implements WriteResult {
        @Override
        public String describe() {
            return "acknowledged " + Zxid.hex(zxid) + " by " + servedBy + " in " + latencyMs + " ms";
        }
    }

    /** Reached the leader but refused (NodeExists, NoNode, ...); the error transaction still took {@code zxid}. */
    record Rejected(KeeperCode code, long zxid, String servedBy, String message) implements WriteResult {
        @Override
        public String describe() {
            return "rejected: " + message;
        }
    }

    /** No reply: e.g. {@code ConnectionLoss: no quorum}. Such a write may still take effect later. */
    record NoReply(String reason) implements WriteResult {
        @Override
        public String describe() {
            return "failed: " + reason;
        }
    }
}
