package dev.zksim.model.zab;

/**
 * The Zab phase of a leader or follower (Zab paper §III: discovery, synchronisation, broadcast; QuorumPeer.ZabState).
 * {@code ELECTION} while LOOKING; {@code NONE} when the process is down or standalone.
 */
public enum ZabPhase {
    NONE,
    ELECTION,
    DISCOVERY,
    SYNCHRONIZATION,
    BROADCAST
}
