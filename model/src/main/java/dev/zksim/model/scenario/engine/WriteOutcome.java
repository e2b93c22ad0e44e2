package dev.zksim.model.scenario.engine;

/** What a ZooKeeper write returned. */
public sealed interface WriteOutcome {

    /**
     * The ensemble acknowledged the write.
     *
     * @param zxid the transaction id it was committed with ({@code 0x100000002})
     * @param servedBy the pod whose server the client was connected to
     */
    record Acked(long zxid, String servedBy) implements WriteOutcome {}

    /**
     * The write was not acknowledged.
     *
     * @param unavailable true when the ensemble could not take writes (no quorum, connection loss, timeout, server
     *     not serving); false when ZooKeeper answered with an application error (NodeExists, NoNode)
     * @param reason the client's error, as zkCli.sh prints it
     */
    record Failed(boolean unavailable, String reason) implements WriteOutcome {}
}
