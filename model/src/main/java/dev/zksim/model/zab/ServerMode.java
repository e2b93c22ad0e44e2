package dev.zksim.model.zab;

/**
 * What a server process is doing, as {@code srvr}'s Mode line and QuorumPeer.ServerState tell it. {@code DOWN}: no
 * process; {@code STARTING}: the JVM is starting and loading its database; {@code OBSERVING} is reserved for
 * observers, which this model does not run yet.
 */
public enum ServerMode {
    DOWN, STARTING, LOOKING, FOLLOWING, LEADING, OBSERVING, STANDALONE;

    /** The lower-case word {@code srvr} prints after {@code Mode:}. */
    public String srvrWord() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
