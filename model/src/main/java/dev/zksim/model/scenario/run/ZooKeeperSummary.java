package dev.zksim.model.scenario.run;

import dev.zksim.model.scenario.engine.LostWrite;
import dev.zksim.model.scenario.engine.ZooKeeperHistory;
import java.util.List;
import java.util.Optional;

/**
 * The ZooKeeper facts of a whole run, the same in every engine (the {@code zookeeper} object of the JSON result,
 * docs/scenarios.md): who leads at the end, every election with its duration, the write-unavailable windows and their
 * total, and the scenario's acknowledged writes with their zxids.
 *
 * @param writable whether a write would be acknowledged at the end of the run
 * @param writesUnavailableMs the windows' total length up to the end of the run (an open window counts until then)
 * @param lostWrites the acknowledged writes the ensemble no longer has at the end of the run
 */
public record ZooKeeperSummary(
        Optional<String> leader,
        boolean writable,
        List<ZooKeeperHistory.WonElection> elections,
        List<ZooKeeperHistory.WriteOutage> writeOutages,
        long writesUnavailableMs,
        List<AckedWriteFact> ackedWrites,
        List<LostWrite> lostWrites) {
    public ZooKeeperSummary {
        lostWrites = List.copyOf(lostWrites);
        elections = List.copyOf(elections);
        writeOutages = List.copyOf(writeOutages);
        ackedWrites = List.copyOf(ackedWrites);
    }

    static ZooKeeperSummary of(
            Optional<String> leader,
            boolean writable,
            ZooKeeperHistory history,
            List<AckedWriteFact> acked,
            List<LostWrite> lost,
            long endMs) {
        return new ZooKeeperSummary(
                leader,
                writable,
                history.elections(),
                history.outagesWithin(0, endMs),
                history.unavailableMs(0, endMs),
                acked,
                lost);
    }

    /**
     * The run's closing line, the same in every engine: {@code zookeeper: leader zk-2, writable; elections 3 (202, 202,
     * 202 ms); writes unavailable 69.411s in 1 window; acknowledged writes 2 (last 0x200000002); lost writes 0}.
     */
    public String line() {
        StringBuilder b = new StringBuilder("zookeeper: leader ")
                .append(leader.orElse("none"))
                .append(writable ? ", writable" : ", not writable")
                .append("; elections ")
                .append(elections.size());
        if (!elections.isEmpty()) {
            b.append(" (")
                    .append(elections.stream()
                            .map(e -> Long.toString(e.durationMs()))
                            .collect(java.util.stream.Collectors.joining(", ")))
                    .append(" ms)");
        }
        b.append("; writes unavailable ")
                .append(dev.zksim.model.scenario.Durations.format(writesUnavailableMs))
                .append(" in ")
                .append(writeOutages.size())
                .append(writeOutages.size() == 1 ? " window" : " windows")
                .append("; acknowledged writes ")
                .append(ackedWrites.size());
        if (!ackedWrites.isEmpty()) {
            b.append(" (last 0x")
                    .append(Long.toHexString(
                            ackedWrites.get(ackedWrites.size() - 1).zxid()))
                    .append(')');
        }
        b.append("; lost writes ").append(lostWrites.size());
        if (!lostWrites.isEmpty()) {
            b.append(" (")
                    .append(lostWrites.stream().map(LostWrite::path).collect(java.util.stream.Collectors.joining(", ")))
                    .append(')');
        }
        return b.toString();
    }
}
