package dev.zksim.calibration;

import dev.zksim.calibration.CalibrationRun.Metric;
import dev.zksim.model.zab.TimingProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code zksim calibrate} measured over its runs: the samples per {@link Metric}, and the timing profile they
 * give. A profile field that was measured takes the {@code statistic} (median or lower quartile) of its samples; the
 * ZooKeeper constants (finalizeWait, notification intervals, connect tries and retry delay) and the fields no run
 * measures (DIFF and SNAP transfer, the follower's commit lag) keep {@link TimingProfile#ZOOKEEPER_3_9_DEFAULTS}'
 * values, and the file says so.
 *
 * @param samples every sample per metric, in run order
 * @param runs how many runs completed
 * @param environment the machine and its load, one line each (for the file's header)
 * @param statistic which order statistic of the samples a field takes
 */
public record CalibrationResult(
        Map<Metric, List<Long>> samples, int runs, List<String> environment, Statistic statistic) {
    /** Which order statistic of a field's samples the profile takes. */
    public enum Statistic {
        /** The median: this machine as it was during the runs, load included. */
        MEDIAN(50),
        /**
         * The lower quartile: on a busy machine the closest to the unloaded cost (waiting for a core only ever adds),
         * without the luck of the minimum.
         */
        P25(25);

        final int percent;

        Statistic(int percent) {
            this.percent = percent;
        }
    }

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

    /** The {@code percent} order statistic (nearest rank, the lower one for a tie), or empty without samples. */
    static java.util.OptionalLong percentile(List<Long> xs, int percent) {
        if (xs.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        List<Long> s = xs.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * s.size());
        return java.util.OptionalLong.of(s.get(Math.max(0, rank - 1)));
    }

    static java.util.OptionalLong median(List<Long> xs) {
        return percentile(xs, 50);
    }

    /** "median (p25..p75) [min..max] (n=N)", or "no sample". */
    static String spread(List<Long> xs) {
        if (xs.isEmpty()) {
            return "no sample";
        }
        List<Long> s = xs.stream().sorted().toList();
        return median(xs).getAsLong() + " (" + percentile(xs, 25).getAsLong() + ".."
                + percentile(xs, 75).getAsLong() + ") [" + s.get(0) + ".." + s.get(s.size() - 1) + "] (n=" + s.size()
                + ")";
    }

    /** The measured profile: the statistic where measured, {@link TimingProfile#ZOOKEEPER_3_9_DEFAULTS} elsewhere. */
    public TimingProfile profile() {
        TimingProfile d = TimingProfile.ZOOKEEPER_3_9_DEFAULTS;
        return new TimingProfile(
                value(Metric.PROCESS_START, d.processStartMs()),
                value(Metric.RECOVERY_PER_THOUSAND, d.recoveryMsPerThousandTxns()),
                value(Metric.MESSAGE_DELAY, d.messageDelayMs()),
                d.finalizeWaitMs(),
                d.minNotificationIntervalMs(),
                d.maxNotificationIntervalMs(),
                followerSetupMs(),
                value(Metric.LEADER_BIND, d.leaderBindMs()),
                d.leaderConnectTries(),
                d.leaderConnectRetryMs(),
                value(Metric.SYNC_HANDSHAKE, d.syncHandshakeMs()),
                d.syncMsPerThousandTxns(),
                d.snapTransferMs(),
                value(Metric.QUORUM_WRITE, d.quorumWriteMs()),
                d.followerCommitLagMs());
    }

    /**
     * The follower's set-up, fitted to the race it decides. In the model a follower decides one message delay before
     * its leader, which accepts connections {@code leaderBindMs} after deciding; a first attempt before that is
     * refused and retried 100 ms later. In ZooKeeper both decide after the same finalizeWait, about together, so the
     * measured median set-up alone would make the model's first attempt fail more (or less) often than the real ones
     * did. The value is moved just enough that the model's first attempt has the outcome most real first attempts had
     * (ties count as refused); {@link #profileFile} says when it was moved.
     */
    long followerSetupMs() {
        long measured = value(Metric.FOLLOWER_SETUP, TimingProfile.ZOOKEEPER_3_9_DEFAULTS.followerSetupMs());
        List<Long> refused = samples.getOrDefault(Metric.FIRST_ATTEMPT_REFUSED, List.of());
        if (refused.isEmpty()) {
            return measured;
        }
        long leaderReady = value(Metric.MESSAGE_DELAY, TimingProfile.ZOOKEEPER_3_9_DEFAULTS.messageDelayMs())
                + value(Metric.LEADER_BIND, TimingProfile.ZOOKEEPER_3_9_DEFAULTS.leaderBindMs());
        boolean mostlyRefused = 2 * refused.stream().mapToLong(Long::longValue).sum() >= refused.size();
        if (mostlyRefused) {
            return measured >= leaderReady ? Math.max(0, leaderReady - 1) : measured;
        }
        return Math.max(measured, leaderReady);
    }

    private long value(Metric m, long fallback) {
        return percentile(samples.getOrDefault(m, List.of()), statistic.percent).orElse(fallback);
    }

    /** The profile file's text: the header (machine, load, runs), each field with where its value came from. */
    public String profileFile() {
        Map<String, String> comments = new LinkedHashMap<>();
        for (String field : TimingProfileFile.fieldNames()) {
            Metric m = FIELD_METRIC.get(field);
            if (field.equals("followerSetupMs")
                    && !samples.getOrDefault(m, List.of()).isEmpty()) {
                List<Long> refused = samples.getOrDefault(Metric.FIRST_ATTEMPT_REFUSED, List.of());
                comments.put(
                        field,
                        "measured " + spread(samples.get(m)) + "; first attempt refused in "
                                + refused.stream().mapToLong(Long::longValue).sum() + " of " + refused.size()
                                + (followerSetupMs() == value(m, -1)
                                        ? ""
                                        : ", so set to " + followerSetupMs()
                                                + " for the model's first attempt to do the same"));
            } else if (m != null) {
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
        header.add("Values in ms: median (p25..p75) [min..max] (n = samples); each field is the "
                + statistic.name().toLowerCase(java.util.Locale.ROOT) + " of its samples.");
        header.add("Also measured, not profile fields:");
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
