package dev.zksim.engine.real;

import java.util.List;
import java.util.OptionalLong;

/**
 * One probe's outcome (see {@link WriteProbe} for the definition of "disruption → first acknowledged write").
 *
 * @param number 1, 2, ... in order of disruption
 * @param startEngineMs engine time of the (first) disruption
 * @param disruptions what was disrupted ({@code zk-1 stopped (leader)}), in order
 * @param leaderDisrupted whether one of them was the serving leader
 * @param firstWriteMs wall milliseconds from the first disruption to the first acknowledged probe write; empty when
 *     the probe gave up or was abandoned
 * @param endEngineMs engine time when the probe ended
 * @param note why there is no number, or the zxid and server of the write
 */
public record ProbeResult(
        int number,
        long startEngineMs,
        List<String> disruptions,
        boolean leaderDisrupted,
        OptionalLong firstWriteMs,
        long endEngineMs,
        String note) {
    public ProbeResult {
        disruptions = List.copyOf(disruptions);
    }
}
