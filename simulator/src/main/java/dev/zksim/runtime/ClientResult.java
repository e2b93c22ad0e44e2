package dev.zksim.runtime;

import java.util.Optional;

/** What a client operation of {@link ZkClients} came to. */
public sealed interface ClientResult
        permits ClientResult.Acknowledged, ClientResult.Found, ClientResult.NotFound, ClientResult.Failed {

    /** A write the ensemble acknowledged (recorded in the simulation's acknowledged writes). */
    record Acknowledged(AckedWrite write) implements ClientResult {}

    /**
     * A read that found the node.
     *
     * @param mzxid the zxid of the node's last change
     * @param server the pod that answered
     */
    record Found(String path, String value, long mzxid, String server, long latencyMs) implements ClientResult {}

    /** A read of a node that does not exist. */
    record NotFound(String path, String server, long latencyMs) implements ClientResult {}

    /**
     * The operation failed or timed out: no acknowledgement (a write may still have been applied).
     *
     * @param reason the ZooKeeper error code or what went wrong ("CONNECTIONLOSS", "no session within 2000 ms")
     */
    record Failed(String op, String path, String target, String reason, long elapsedMs) implements ClientResult {}

    /** Whether this is an acknowledged write. */
    default boolean acknowledged() {
        return this instanceof Acknowledged;
    }

    /** The value read, for {@link Found}. */
    default Optional<String> valueRead() {
        return this instanceof Found f ? Optional.of(f.value()) : Optional.empty();
    }
}
