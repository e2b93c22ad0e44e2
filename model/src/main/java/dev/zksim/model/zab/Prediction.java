package dev.zksim.model.zab;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * What the model expects to happen after some events, computed on a copy of the model (the model itself is
 * untouched). Only the Zab model runs in the copy: Kubernetes does not restart or reschedule anything unless the events
 * say so.
 *
 * @param fromMs when the prediction starts (the model's now)
 * @param untilMs the end of the horizon
 * @param leader the established leader at {@code untilMs}
 * @param writesAvailableFromMs since when writes are available without interruption up to {@code untilMs}; empty when
 *     they are not available at the end
 * @param writeOutageMs how long writes were unavailable within the horizon
 * @param servers every known server at {@code untilMs}
 * @param data per serving server, its committed znodes (path → value) at {@code untilMs}
 * @param elections elections that ended within the horizon
 * @param lostWrites acknowledged writes detected as lost within the horizon
 * @param timeline the timeline within the horizon
 */
public record Prediction(
        long fromMs,
        long untilMs,
        List<TimedEvent> events,
        Optional<LeaderTerm> leader,
        OptionalLong writesAvailableFromMs,
        long writeOutageMs,
        SortedMap<String, PeerStatus> servers,
        SortedMap<String, SortedMap<String, String>> data,
        List<ElectionRecord> elections,
        List<LostTxn> lostWrites,
        List<ZabLogLine> timeline) {
    public Prediction {
        events = List.copyOf(events);
        elections = List.copyOf(elections);
        lostWrites = List.copyOf(lostWrites);
        timeline = List.copyOf(timeline);
    }

    /** The predicted leader's pod name, if one is established at the end. */
    public Optional<String> leaderPod() {
        return leader.map(LeaderTerm::pod);
    }
}
