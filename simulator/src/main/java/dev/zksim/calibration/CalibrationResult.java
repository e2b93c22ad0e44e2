package dev.zksim.calibration;

import dev.zksim.calibration.CalibrationRun.Metric;
import dev.zksim.model.zab.TimingProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code zksim calibrate} measured over its runs: the samples per {@link Metric}, and the timing profile they
 * give. A profile field that was measured takes the median of its samples; the ZooKeeper constants
 * (finalizeWait, notification intervals, connect tries and retry delay) and the fields no run measures (DIFF and SNAP
 * transfer, the follower's commit lag) keep {@link TimingProfile#ZOOKEEPER_3_9_DEFAULTS}' values, and the file says so.
 *
 * @param samples every sample per metric, in run order
 * @param runs how many runs completed
 * @param environment the machine and its load, one line each (for the file's header)
 */
public record CalibrationResult(Map<Metric, List<Long>> samples, int runs, List<String> environment) {
    /** Which profile field each measured metric sets. */
    private static final Map<String, Metric> FIELD_METRIC = Map.of(
            "processStartMs", Metric.PROCESS_START,
            "recoveryMsPerThousandTxns", Metric.RECOVERY_PER_THOUSAND,
            "messageDelayMs", Metric.MESSAGE_DELAY,
            "followerSetupMs", Metric.FOLLOWER_SETUP,
            "leaderBindMs", Metric.LEADER_BIND,
            "syncHandshakeMs", Metric.SYNC_HANDSHAKE,
            "quorumWriteMs", Metric.QUORUM_WRITE);

    /** The fields that are ZooKeeper's constants or settings, never measured. */
    private static final Map<String, String> CONSTANTS = Map.of(
            "finalizeWaitMs", "FastLeaderElection.finalizeWait (constant)",
            "minNotificationIntervalMs", "zookeeper.fastleader.minNotificationInterval (default)",
            "maxNotificationIntervalMs", "zookeeper.fastleader.maxNotificationInterval (default)",
            "leaderConnectTries", "Learner.LeaderConnector (constant)",
            "leaderConnectRetryMs", "zookeeper.leaderConnectDelayDuringRetryMs (default)");

    public CalibrationResult {
        samples = Map.copyOf(samples);
        environment = List.copyOf(environment);
    }

    /** Median of a sorted copy (the lower middle for an even count), or empty. */
    static java.util.OptionalLong median(List<Long> xs) {
        if (xs.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        List<Long> s = xs.stream().sorted().toList();
        return java.util.OptionalLong.of(s.get((s.size() - 1) / 2));
    }

    /** "median [min..max] (n=N)", or "no sample". */
    static String spread(List<Long> xs) {
        if (xs.isEmpty()) {
            return "no sample";
        }
        List<Long> s = xs.stream().sorted().toList();
        return median(xs).getAsLong() + " [" + s.get(0) + ".." + s.get(s.size() - 1) + "] (n=" + s.size() + ")";
    }

    /** The measured profile: medians where measured, {@link TimingProfile#ZOOKEEPER_3_9_DEFAULTS} elsewhere. */
    public TimingProfile profile() {
        TimingProfile d = TimingProfile.ZOOKEEPER_3_9_DEFAULTS;
        return new TimingProfile(
                value(Metric.PROCESS_START, d.processStartMs()),
                value(Metric.RECOVERY_PER_THOUSAND, d.recoveryMsPerThousandTxns()),
                value(Metric.MESSAGE_DELAY, d.messageDelayMs()),
                d.finalizeWaitMs(),
                d.minNotificationIntervalMs(),
                d.maxNotificationIntervalMs(),
                value(Metric.FOLLOWER_SETUP, d.followerSetupMs()),
                value(Metric.LEADER_BIND, d.leaderBindMs()),
                d.leaderConnectTries(),
                d.leaderConnectRetryMs(),
                value(Metric.SYNC_HANDSHAKE, d.syncHandshakeMs()),
                d.syncMsPerThousandTxns(),
                d.snapTransferMs(),
                value(Metric.QUORUM_WRITE, d.quorumWriteMs()),
                d.followerCommitLagMs());
    }

    private long value(Metric m, long fallback) {
        return median(samples.getOrDefault(m, List.of())).orElse(fallback);
    }

    /** The profile file's text: the header (machine, load, runs), each field with where its value came from. */
    public String profileFile() {
        Map<String, String> comments = new LinkedHashMap<>();
        for (String field : TimingProfileFile.fieldNames()) {
            Metric m = FIELD_METRIC.get(field);
            if (m != null) {
                List<Long> xs = samples.getOrDefault(m, List.of());
                comments.put(
                        field, xs.isEmpty() ? "not measured in these runs: default kept" : "measured " + spread(xs));
            } else {
                comments.put(field, CONSTANTS.getOrDefault(field, "not measured by zksim calibrate: default kept"));
            }
        }
        List<String> header = new ArrayList<>();
        header.add(
                "Timing profile of the Zab model (docs/model.md, \"Calibration\"): zksim run --timing-profile FILE.");
        header.add(
                "Measured by zksim calibrate over " + runs + " run(s) of real ZooKeeper 3.9.4 servers (real engine).");
        header.addAll(environment);
        header.add("");
        header.add("Values in ms: median [min..max] (n = samples). Also measured, not profile fields:");
        for (Metric m : List.of(
                Metric.NOTICE,
                Metric.ELECTION,
                Metric.FIRST_ATTEMPT_REFUSED,
                Metric.PROCESS_KILLED_TO_SERVING,
                Metric.POD_DELETED_TO_SERVING)) {
            header.add("  " + m.name().toLowerCase(java.util.Locale.ROOT) + ": "
                    + spread(samples.getOrDefault(m, List.of())) + " — " + m.what);
        }
        return TimingProfileFile.write(profile(), header, comments);
    }

    /** One line per metric: name, spread, meaning (what the command prints). */
    public List<String> table() {
        List<String> out = new ArrayList<>();
        for (Metric m : Metric.values()) {
            out.add(String.format(
                    "  %-26s %-28s %s",
                    m.name().toLowerCase(java.util.Locale.ROOT), spread(samples.getOrDefault(m, List.of())), m.what));
        }
        return out;
    }
}
