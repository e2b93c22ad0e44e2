package dev.zksim.model.scenario.engine;

/**
 * One server's state, as {@code srvr} reports it.
 *
 * @param lastZxid the last zxid the server has ({@code Zxid:} in srvr)
 */
public record ServerStatus(String pod, Mode mode, long lastZxid) {

    /** {@code Mode:} in srvr, plus the states in which the server does not answer. */
    public enum Mode { LEADER, FOLLOWER, OBSERVER, STANDALONE, LOOKING, NOT_RUNNING }
}
