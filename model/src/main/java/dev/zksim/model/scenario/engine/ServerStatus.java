package dev.zksim.model.scenario.engine;

/**
 * One server's state, as {@code srvr} reports it.
 *
 * @param mode what the server does ({@code Mode:} in srvr while it serves)
 * @param serving whether it answers clients: false while it starts, looks for a leader, or synchronises with one
 *     (srvr then answers "This ZooKeeper instance is not currently serving requests")
 * @param lastZxid the last zxid the server has ({@code Zxid:} in srvr)
 */
public record ServerStatus(String pod, Mode mode, boolean serving, long lastZxid) {

    /** The server's role, plus the states in which it does not answer. */
    public enum Mode {
        LEADER,
        FOLLOWER,
        OBSERVER,
        STANDALONE,
        LOOKING,
        NOT_RUNNING
    }
}
