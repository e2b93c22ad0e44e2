package dev.zksim.model.zab;

import java.util.OptionalLong;

/**
 * An interval during which a write through the client Service would have been acknowledged by {@code leaderPod}'s
 * term {@code epoch} (an established leader in broadcast with a quorum of voters that ACK), open while it lasts. A term
 * can have several windows: one closes when its leader loses the quorum, before the leader notices at its next tick.
 */
public record AvailabilityWindow(long fromMs, OptionalLong toMs, String leaderPod, long epoch) {
    /** Whether writes were available at {@code timeMs}. */
    public boolean covers(long timeMs) {
        return timeMs >= fromMs && (toMs.isEmpty() || timeMs < toMs.getAsLong());
    }
}
