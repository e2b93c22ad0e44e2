package dev.zksim.model.zab;

/**
 * What a server process is doing, as {@code srvr}'s Mode line and QuorumPeer.ServerState tell it. {@code DOWN}: no
 * process; {@code STARTING}: the JVM is starting and loading its database; {@code OBSERVING}: an {@code :observer}
 * member of a dynamic config that learns from a leader (the Zab model runs it as a follower that never votes).
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
