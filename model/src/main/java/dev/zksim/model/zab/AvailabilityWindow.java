package dev.zksim.model.zab;

import java.util.OptionalLong;

/**
 * An interval during which an established leader served writes (broadcast phase), open while it lasts.
 */
public record AvailabilityWindow(long fromMs, OptionalLong toMs, String leaderPod, long epoch) {
    /** Whether writes were available at {@code timeMs}. */
    public boolean covers(long timeMs) {
        return timeMs >= fromMs && (toMs.isEmpty() || timeMs < toMs.getAsLong());
    }
}
