package dev.zksim.model.scenario.run;

import dev.zksim.model.scenario.engine.ZooKeeperHistory;
import java.util.List;
import java.util.Optional;

/**
 * The ZooKeeper facts of a whole run, the same in every engine (the {@code zookeeper} object of the JSON result,
 * docs/scenarios.md): who leads at the end, every election with its duration, the write-unavailable windows and their
 * total, and the scenario's acknowledged writes with their zxids.
 *
 * @param writesUnavailableMs the windows' total length up to the end of the run (an open window counts until then)
 */
public record ZooKeeperSummary(
        Optional<String> leader,
        List<ZooKeeperHistory.Election> elections,
        List<ZooKeeperHistory.WriteOutage> writeOutages,
        long writesUnavailableMs,
        List<AckedWriteFact> ackedWrites) {
    public ZooKeeperSummary {
        elections = List.copyOf(elections);
        writeOutages = List.copyOf(writeOutages);
        ackedWrites = List.copyOf(ackedWrites);
    }

    static ZooKeeperSummary of(
            Optional<String> leader, ZooKeeperHistory history, List<AckedWriteFact> acked, long endMs) {
        return new ZooKeeperSummary(
                leader, history.elections(), history.outagesWithin(0, endMs), history.unavailableMs(0, endMs), acked);
    }
}
