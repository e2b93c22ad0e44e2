package dev.zksim.engine.real;

import dev.zksim.runtime.ElectionReport;
import dev.zksim.runtime.RealContainerRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a real-engine run measured, taken from the servers themselves: who leads at the end, ZooKeeper's own election
 * reports, the probes' "disruption → first acknowledged write", and the leader and write-availability spans (engine
 * time) for the report.
 *
 * @param leader the pod whose server leads and serves at the end
 * @param leaderElectionsMs each election's time as the winning server reported it ("LEADING - LEADER ELECTION TOOK")
 * @param probes every probe that ended
 * @param leaders who led when (engine time; label {@code zk-2 (epoch 2)})
 * @param writable when writes were available (engine time)
 * @param timeScale Kubernetes milliseconds per wall millisecond
 */
public record RealRunSummary(
        Optional<String> leader,
        List<Long> leaderElectionsMs,
        List<ProbeResult> probes,
        List<TimeSpan> leaders,
        List<TimeSpan> writable,
        double timeScale) {

    public RealRunSummary {
        leaderElectionsMs = List.copyOf(leaderElectionsMs);
        probes = List.copyOf(probes);
        leaders = List.copyOf(leaders);
        writable = List.copyOf(writable);
    }

    static RealRunSummary of(RealBackend backend, long endMs) {
        List<Long> elections = new ArrayList<>();
        backend.realRuntime().map(RealContainerRuntime::elections).orElse(List.of()).stream()
                .filter(ElectionReport::isLeader)
                .map(ElectionReport::electionTimeMs)
                .forEach(elections::add);
        return new RealRunSummary(
                backend.leader(),
                elections,
                backend.probe().results(),
                backend.watch().leaderSpans(endMs),
                backend.watch().writableSpans(endMs),
                backend.settings().timeScale());
    }

    /** The probes' measurements, in order (probes without an acknowledged write left out). */
    public List<Long> firstWriteMs() {
        return probes.stream()
                .map(ProbeResult::firstWriteMs)
                .filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong)
                .toList();
    }

    /** The same, for probes whose disruptions included the leader's server. */
    public List<Long> leaderFirstWriteMs() {
        return probes.stream()
                .filter(ProbeResult::leaderDisrupted)
                .map(ProbeResult::firstWriteMs)
                .filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong)
                .toList();
    }

    /**
     * One line: {@code real: leader zk-1; elections 3 (median 212 ms); disruption→first write median 290 ms over 4
     * (leader's pod 2, median 301 ms); Kubernetes time ×20}.
     */
    public String line() {
        StringBuilder b = new StringBuilder("real: leader ").append(leader.orElse("none"));
        b.append("; elections ").append(leaderElectionsMs.size());
        median(leaderElectionsMs).ifPresent(m -> b.append(" (median ").append(m).append(" ms)"));
        List<Long> all = firstWriteMs();
        if (all.isEmpty()) {
            b.append("; no disruption measured");
        } else {
            b.append("; disruption→first write median ")
                    .append(median(all).getAsLong())
                    .append(" ms over ")
                    .append(all.size());
            List<Long> leaderOnes = leaderFirstWriteMs();
            if (!leaderOnes.isEmpty()) {
                b.append(" (leader's pod ")
                        .append(leaderOnes.size())
                        .append(", median ")
                        .append(median(leaderOnes).getAsLong())
                        .append(" ms)");
            }
        }
        b.append("; Kubernetes time ×").append(scale(timeScale));
        return b.toString();
    }

    /** {@code 20}, {@code 2.5}: the scale without a useless fraction. */
    static String scale(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : String.format(Locale.ROOT, "%.3g", s);
    }

    /** The median (the mean of the two middle values for an even count, rounded down). */
    public static OptionalLong median(List<Long> values) {
        if (values.isEmpty()) {
            return OptionalLong.empty();
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return OptionalLong.of(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }
}
