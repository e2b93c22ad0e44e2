package dev.zksim.model.zab;

/**
 * What a server process is doing, as {@code srvr}'s Mode line and QuorumPeer.ServerState tell it. {@code DOWN}: no
 * process; {@code STARTING}: the JVM is starting and loading its database; {@code OBSERVING} is reserved for
 * observers, which this model does not run yet.
 */
public enum ServerMode {
    DOWN,
    STARTING,
    LOOKING,
    FOLLOWING,
    LEADING,
    OBSERVING,
    STANDALONE;

    /** The word {@code srvr} prints after {@code Mode:} (QuorumPeer.getServerState). */
    public String srvrWord() {
        return switch (this) {
            case LEADING -> "leader";
            case FOLLOWING -> "follower";
            case OBSERVING -> "observer";
            case STANDALONE -> "standalone";
            case LOOKING -> "leaderelection";
            case STARTING, DOWN -> "";
        };
    }
}
