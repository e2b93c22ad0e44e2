package dev.zksim.model.scenario.engine;

/** What a ZooKeeper write returned. */
public sealed interface WriteOutcome {

    /**
     * The ensemble acknowledged the write.
     *
     * @param zxid the transaction id it was committed with ({@code 0x100000002})
     * @param servedBy the pod whose server the client was connected to
     * @param latencyMs from request to reply: the model's modeled latency, the real client's measured one; 0 when
     *     the engine does not know it
     */
    record WriteAcked(long zxid, String servedBy, long latencyMs) implements WriteOutcome {
        /** An acknowledgement without a known latency. */
        public WriteAcked(long zxid, String servedBy) {
            this(zxid, servedBy, 0);
        }
    }

    /**
     * The write was not acknowledged.
     *
     * @param unavailable true when the ensemble could not take writes (no quorum, connection loss, timeout, server
     *     not serving); false when ZooKeeper answered with an application error (NodeExists, NoNode)
     * @param reason the client's error, as zkCli.sh prints it
     */
    record WriteFailed(boolean unavailable, String reason) implements WriteOutcome {}
}
