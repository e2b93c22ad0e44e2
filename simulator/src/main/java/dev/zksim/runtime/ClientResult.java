package dev.zksim.runtime;

import java.util.Optional;

/** What a client operation of {@link ZkClients} came to. */
public sealed interface ClientResult
        permits ClientResult.Acknowledged, ClientResult.NodeRead, ClientResult.NotFound, ClientResult.OperationFailed {

    /** A write the ensemble acknowledged (recorded in the simulation's acknowledged writes). */
    record Acknowledged(AckedWrite write) implements ClientResult {}

    /**
     * A read that found the node.
     *
     * @param mzxid the zxid of the node's last change
     * @param server the pod that answered
     */
    record NodeRead(String path, String value, long mzxid, String server, long latencyMs) implements ClientResult {}

    /** A read of a node that does not exist. */
    record NotFound(String path, String server, long latencyMs) implements ClientResult {}

    /**
     * The operation failed or timed out: no acknowledgement (a write may still have been applied).
     *
     * @param reason the ZooKeeper error code or what went wrong ("CONNECTIONLOSS", "no session within 2000 ms")
     */
    record OperationFailed(String op, String path, String target, String reason, long elapsedMs)
            implements ClientResult {}

    /** Whether this is an acknowledged write. */
    default boolean acknowledged() {
        return this instanceof Acknowledged;
    }

    /** The value read, for {@link NodeRead}. */
    default Optional<String> valueRead() {
        return this instanceof NodeRead f ? Optional.of(f.value()) : Optional.empty();
    }
}
