package dev.zksim.model.scenario.engine;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a ZooKeeper backend observed since the engine started, in engine time, the same way in every engine: the leader
 * elections and the windows during which a write through the client Service would not have been acknowledged. The
 * model derives it from the Zab model's history; the real engine from ZooKeeper's own election reports and its server
 * watch (docs/scenarios.md, "ZooKeeper facts").
 *
 * @param elections elections that ended with a leader, in the order they ended
 * @param writeOutages windows without write availability, in order; the last one is open while it lasts
 */
public record ZooKeeperHistory(List<WonElection> elections, List<WriteOutage> writeOutages) {
    /** Nothing observed (an engine without a ZooKeeper backend, or one that records nothing). */
    public static final ZooKeeperHistory EMPTY = new ZooKeeperHistory(List.of(), List.of());

    public ZooKeeperHistory {
        elections = List.copyOf(elections);
        writeOutages = List.copyOf(writeOutages);
    }

    /**
     * One leader election, as the winning server reports it ({@code LEADING - LEADER ELECTION TOOK}): from entering
     * LOOKING to deciding to lead.
     *
     * @param endMs engine time the winner decided to lead
     * @param leader the winner's pod
     * @param durationMs how long the winner looked
     */
    public record WonElection(long endMs, String leader, long durationMs) {}

    /** Writes were unavailable from {@code fromMs} until {@code toMs} (empty: still unavailable). */
    public record WriteOutage(long fromMs, OptionalLong toMs) {
        /** The part of this window inside [{@code from}, {@code to}], in milliseconds. */
        public long overlapMs(long from, long to) {
            long a = Math.max(from, fromMs);
            long b = Math.min(to, toMs.orElse(to));
            return Math.max(0, b - a);
        }
    }

    /** Milliseconds in [{@code fromMs}, {@code toMs}] during which writes were unavailable. */
    public long unavailableMs(long fromMs, long toMs) {
        return writeOutages.stream().mapToLong(w -> w.overlapMs(fromMs, toMs)).sum();
    }

    /** The outage windows that overlap [{@code fromMs}, {@code toMs}], clipped to it. */
    public List<WriteOutage> outagesWithin(long fromMs, long toMs) {
        return writeOutages.stream()
                .filter(w -> w.overlapMs(fromMs, toMs) > 0)
                .map(w -> new WriteOutage(
                        Math.max(fromMs, w.fromMs()),
                        w.toMs().isPresent() && w.toMs().getAsLong() <= toMs ? w.toMs() : OptionalLong.empty()))
                .toList();
    }
}
